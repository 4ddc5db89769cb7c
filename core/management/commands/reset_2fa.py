"""`manage.py reset_2fa <username>`: remove a user's second factor after a lost phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor import remove_devices


class Command(BaseCommand):
    help = (
        "Remove the authenticator app and recovery codes of USERNAME, e.g. after a lost phone. "
        "Their password still works; the admin then asks them to set up the app again "
        "(administrators) or leaves it to them (editors)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"There is no user called {username!r}.") from error
        removed = remove_devices(user)
        if removed:
            self.stdout.write(
                f"Removed {removed} second-factor device(s) of {username}. They sign in with "
                "their password and set up the app again."
            )
        else:
            self.stdout.write(f"{username} had no second factor; nothing to do.")
