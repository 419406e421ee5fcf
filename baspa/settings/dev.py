"""The embedded default: what `baspa demo` and `baspa serve` run when nothing else is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
# A fixed key is fine on a laptop; production.py refuses to start without a real one.
SECRET_KEY = env.str("SECRET_KEY", default="baspa-embedded-default-not-for-production")
