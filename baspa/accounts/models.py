from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The newsroom's user. Custom from the first migration, as Django and Wagtail advise."""
