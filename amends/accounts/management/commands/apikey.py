from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from amends.accounts.models import User
from amends.accounts.services import apikey_create


class Command(BaseCommand):
    help = "Create an API key for a member of staff and print it once."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("--user", required=True, help="The username the key acts as.")
        parser.add_argument("--name", default="", help="A label to tell keys apart.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {options['user']!r}.") from exc
        _, key = apikey_create(user=user, name=options["name"])
        self.stdout.write(key)
