from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from baspa.accounts.services import totp_device_create, totp_device_remove


class Command(BaseCommand):
    help = (
        "Two-step sign-in (TOTP) for a newsroom account: `add` prints the otpauth:// address "
        "to put in an authenticator app, `remove` switches it off."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "remove"])
        parser.add_argument("username")

    def handle(self, *args, action, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No account named {username!r}.") from exc
        if action == "remove":
            totp_device_remove(user=user)
            self.stdout.write(f"Two-step sign-in is off for {username}.")
            return
        device = totp_device_create(user=user)
        self.stdout.write(
            f"Two-step sign-in is on for {username}. Add this to the authenticator app "
            "(or type the key by hand):\n"
        )
        self.stdout.write(device.config_url)
