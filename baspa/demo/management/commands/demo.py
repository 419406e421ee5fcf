import secrets
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from baspa.demo.load import demo_load


class Command(BaseCommand):
    help = "Set up the demo newsroom on the embedded default, print the admin login and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=240)
        parser.add_argument("--no-serve", action="store_true", help="Load the demo, don't serve.")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, articles, no_serve, port, host, **options):
        settings.BASPA_HOME.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading the demo newsroom…")
        result = demo_load(articles=articles, progress=self._progress)
        self.stdout.write(
            f"\nArticles added: {result['added']}, already there: {result['existing']}; "
            f"Kazakh–Russian translated pairs added: {result['translated']}."
        )
        username, password = self._admin()
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin login: http://{host}:{port}/admin/  user: {username}  "
                f"password: {password}\n"
            )
        )
        if not no_serve:
            call_command("serve", host=host, port=port)

    def _progress(self, done: int, total: int) -> None:
        if sys.stdout.isatty() or done == total:
            self.stdout.write(f"\r  {done}/{total}", ending="")
            self.stdout.flush()

    def _admin(self) -> tuple[str, str]:
        """The demo's administrator; its password is kept beside the database, readable only
        by its owner, so a second run prints the same login."""
        password_file = settings.BASPA_HOME / "demo-admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is not None and password_file.exists():
            password = password_file.read_text().strip()
            if user.check_password(password):
                return "admin", password
        password = secrets.token_urlsafe(12)
        user = user or User(username="admin", email="admin@example.kz")
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        return "admin", password
