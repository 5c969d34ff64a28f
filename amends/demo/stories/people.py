"""The demo's customers: invented names, example.* addresses and numbers from the ranges set
aside for drama (07700 900xxx mobiles, 01632 960xxx landlines), so none of them is anybody's."""

import random
from dataclasses import dataclass

FIRST_NAMES = (
    "Aisha", "Ben", "Catherine", "Dev", "Eleanor", "Farid", "Grace", "Hamish", "Ifeoma", "Jack",
    "Karen", "Liam", "Magdalena", "Nikhil", "Olivia", "Patrick", "Rosa", "Sanjay", "Tomasz", "Uma",
    "Victoria", "Wei", "Yusuf", "Zara", "Aled", "Bronwen", "Callum", "Deborah", "Emeka", "Fiona",
    "Gareth", "Hannah", "Imran", "Joanne", "Kwame", "Lucy", "Mohammed", "Niamh", "Owen", "Priti",
    "Rhys", "Siobhan", "Tariq", "Ursula", "Vikram", "Wendy", "Xavier", "Yasmin", "Adam", "Bethany",
    "Colin", "Daniela", "Euan", "Frances", "George", "Harriet", "Ian", "Jasmine", "Kieran", "Leila",
)  # fmt: skip

LAST_NAMES = (
    "Adeyemi", "Barker", "Chowdhury", "Davies", "Evans", "Fraser", "Gallagher", "Hughes", "Iqbal",
    "Jenkins", "Kowalski", "Lloyd", "McAllister", "Nowak", "O'Brien", "Patel", "Quinn", "Robertson",
    "Singh", "Thompson", "Underwood", "Vaughan", "Walsh", "Xu", "Young", "Zielinski", "Ahmed",
    "Bell", "Campbell", "Dunne", "Ellis", "Fitzgerald", "Griffiths", "Hussain", "Ingram", "Jones",
    "Khan", "Lewis", "Murphy", "Nwosu", "Okonkwo", "Pearce", "Rahman", "Stewart", "Taylor", "Wright",
)  # fmt: skip

DOMAINS = ("example.com", "example.net", "example.org")

CONTACT_TIMES = (
    "weekdays after 6pm",
    "mornings before 10, I work afternoons",
    "lunchtime, 12 to 2",
    "any time, I'm at home",
    "not before 11am please, I work nights",
    "after the school run, 9:30 to 2:30",
    "Tuesdays or Thursdays",
)

TEMPERS = ("calm", "calm", "furious", "sarcastic", "anxious", "brief", "brief", "long")


@dataclass(frozen=True)
class Person:
    """A customer of the demo shop, with how they like to be reached."""

    name: str
    email: str  # "" for a customer who only gives a phone number
    phone: str
    prefers_phone: bool
    contact_time: str
    temper: str  # the tone they most often write in

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def has_email(self) -> bool:
        return bool(self.email)


class Crowd:
    """Hands out customers: new ones, and now and then one who has complained before."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        self.remaining: dict[Person, int] = {}

    def person(self, *, email: bool) -> Person:
        """A customer for the next complaint; ``email`` says whether they must have an address."""
        waiting = [p for p, left in self.remaining.items() if left > 0 and p.has_email == email]
        if waiting and self.rng.random() < 0.6:
            chosen = self.rng.choice(waiting)
        else:
            chosen = self._new(email=email)
            self.remaining[chosen] = self.rng.choices((1, 2, 3, 4), weights=(87, 8, 3, 2))[0]
        self.remaining[chosen] -= 1
        return chosen

    def _new(self, *, email: bool) -> Person:
        rng = self.rng
        name = self._unique_name()
        phone_wanted = not email or rng.random() < 0.45
        prefers_phone = not email or (phone_wanted and rng.random() < 0.35)
        return Person(
            name=name,
            email=self._email(name) if email else "",
            phone=self._phone() if phone_wanted else "",
            prefers_phone=prefers_phone,
            contact_time=rng.choice(CONTACT_TIMES) if prefers_phone and rng.random() < 0.8 else "",
            temper=rng.choice(TEMPERS),
        )

    def _unique_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def _email(self, name: str) -> str:
        first, last = (part.lower().replace("'", "") for part in name.split())
        patterns: tuple[str, ...] = (
            f"{first}.{last}",
            f"{first}{last}{self.rng.randint(1, 99)}",
            f"{first[0]}.{last}",
            f"{last}.{first}",
            f"{first}_{last[0]}",
        )
        while True:
            address = f"{self.rng.choice(patterns)}@{self.rng.choice(DOMAINS)}"
            if address not in self.emails:
                self.emails.add(address)
                return address
            patterns = (f"{first}.{last}{self.rng.randint(100, 999)}",)

    def _phone(self) -> str:
        while True:
            if self.rng.random() < 0.8:
                number = f"07700 900{self.rng.randint(0, 999):03d}"
            else:
                number = f"01632 960{self.rng.randint(0, 999):03d}"
            if number not in self.phones:
                self.phones.add(number)
                return number
