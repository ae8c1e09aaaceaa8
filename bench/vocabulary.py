"""Word lists the article generator recombines: people, roles, places, organisations, subjects.

Written for the benchmark (nothing here is copied from the seed articles). The cast is a fixed,
seeded pool so that the same people recur across many articles, as they do in a real archive.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST_NAMES = (
    "Anouk",
    "Bas",
    "Carolien",
    "Daan",
    "Eline",
    "Femke",
    "Gerrit",
    "Hanneke",
    "Ilse",
    "Jeroen",
    "Karin",
    "Lotte",
    "Maarten",
    "Nadia",
    "Olaf",
    "Pieter",
    "Ruud",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vincent",
    "Willemijn",
    "Yusuf",
    "Zoë",
    "Mehmet",
    "Fatima",
    "Claire",
    "Hélène",
    "François",
    "Jürgen",
    "Annalena",
    "Giorgia",
    "Pedro",
    "Magdalena",
    "Tomasz",
    "Olena",
    "Andrij",
    "Sergej",
    "Dmitri",
    "Kamala",
    "Jake",
    "Keir",
    "Ursula",
    "Mette",
    "Ulf",
    "Sigrid",
    "Bart",
    "Joost",
    "Marieke",
    "Esther",
    "Hugo",
    "Koen",
    "Laura",
    "Mark",
    "Naima",
    "Rob",
    "Sophie",
    "Tamara",
)

SURNAMES = (
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Koster",
    "van der Linden",
    "Verhoeven",
    "Kramer",
    "Schouten",
    "Hoekstra",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Schneider",
    "Becker",
    "Hoffmann",
    "Rossi",
    "Bianchi",
    "García",
    "Kowalski",
    "Nowak",
    "Kovalenko",
    "Bondarenko",
    "Sjevtsjenko",
    "Volkov",
    "Sokolov",
    "Lindqvist",
    "Andersen",
    "Murphy",
    "Whitfield",
    "El Amrani",
    "Yilmaz",
    "Öztürk",
    "Benali",
)

NATIONALITIES = (
    ("Nederlandse", "Nederland"),
    ("Franse", "Frankrijk"),
    ("Duitse", "Duitsland"),
    ("Belgische", "België"),
    ("Britse", "het Verenigd Koninkrijk"),
    ("Amerikaanse", "de Verenigde Staten"),
    ("Oekraïense", "Oekraïne"),
    ("Russische", "Rusland"),
    ("Poolse", "Polen"),
    ("Italiaanse", "Italië"),
    ("Spaanse", "Spanje"),
    ("Deense", "Denemarken"),
    ("Zweedse", "Zweden"),
    ("Turkse", "Turkije"),
)

PARTIES = ("VVD", "PVV", "GroenLinks-PvdA", "NSC", "BBB", "CDA", "D66", "SP", "ChristenUnie", "Volt")

WAR_CITIES = (
    "Kiev",
    "Charkiv",
    "Odesa",
    "Dnipro",
    "Zaporizja",
    "Lviv",
    "Cherson",
    "Soemy",
    "Poltava",
    "Moskou",
    "Koersk",
    "Belgorod",
)

CITIES = (
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Arnhem",
    "Haarlem",
    "Zwolle",
    "Maastricht",
    "Leeuwarden",
    "Enschede",
    "Brussel",
    "Antwerpen",
    "Parijs",
    "Berlijn",
    "Londen",
    "Madrid",
    "Rome",
    "Warschau",
    "Kopenhagen",
    "Washington",
    "Genève",
    "Wenen",
    "Straatsburg",
)

COUNTRIES = tuple(country for _, country in NATIONALITIES)

ORGANISATIONS = {
    "politics": ("de Tweede Kamer", "de Eerste Kamer", "de Raad van State", "het kabinet", "de Europese Commissie"),
    "economy": (
        "De Nederlandsche Bank",
        "het Centraal Planbureau",
        "het CBS",
        "de Europese Centrale Bank",
        "ING",
        "Ahold Delhaize",
        "ASML",
        "Shell",
        "Philips",
        "de FNV",
    ),
    "war": (
        "de NAVO",
        "de Verenigde Naties",
        "het Rode Kruis",
        "het Oekraïense leger",
        "het Kremlin",
        "het Pentagon",
        "de Europese Unie",
    ),
    "sport": (
        "Ajax",
        "PSV",
        "Feyenoord",
        "AZ",
        "FC Twente",
        "het Nederlands elftal",
        "de KNVB",
        "de UEFA",
        "Jumbo-Visma",
        "TeamNL",
    ),
    "crime": (
        "het Openbaar Ministerie",
        "de politie",
        "de Nationale Politie",
        "de rechtbank",
        "het gerechtshof",
        "Europol",
        "de marechaussee",
    ),
    "royals": ("de Rijksvoorlichtingsdienst", "het Koninklijk Huis", "Paleis Noordeinde", "Paleis het Loo"),
}

ROYALS = (
    "koning Willem-Alexander",
    "koningin Máxima",
    "prinses Amalia",
    "prinses Alexia",
    "prinses Ariane",
    "prinses Beatrix",
)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    role: str  # "Franse minister van Financiën", "premier", "burgemeester van Utrecht"
    party: str | None
    subject: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def short(self) -> str:
        """The surname as news text writes it on a second mention: "De Vries", "Van Dijk"."""
        return self.last[0].upper() + self.last[1:]


SUBJECT_ROLES = {
    "politics": (
        "premier",
        "minister van Financiën",
        "minister van Justitie en Veiligheid",
        "staatssecretaris van Economische Zaken",
        "fractievoorzitter",
        "Kamerlid",
        "burgemeester van Utrecht",
        "burgemeester van Rotterdam",
        "hoogleraar bestuurskunde",
    ),
    "economy": (
        "minister van Financiën",
        "econoom",
        "directeur",
        "topvrouw",
        "bestuursvoorzitter",
        "vakbondsleider",
        "analist",
    ),
    "war": (
        "president",
        "minister van Defensie",
        "minister van Buitenlandse Zaken",
        "generaal",
        "legercommandant",
        "ambassadeur",
        "analist",
        "bondskanselier",
    ),
    "sport": ("bondscoach", "trainer", "aanvoerder", "topschutter", "directeur"),
    "crime": (
        "officier van justitie",
        "advocaat",
        "woordvoerder van de politie",
        "rechter",
        "burgemeester van Groningen",
    ),
    "royals": ("hofwoordvoerder", "koningshuisdeskundige", "burgemeester van Rotterdam"),
}

SUBJECTS = tuple(SUBJECT_ROLES)
UNIQUE_ROLES = {"premier", "bondscoach"}
APPOSITION_ROLES = ("burgemeester", "woordvoerder", "hoogleraar", "officier", "directeur", "analist")
FOREIGN_SUBJECTS = {"war", "economy"}


def build_cast(seed: int, size: int = 600) -> dict[str, list[Person]]:
    """A fixed pool of people per subject, the same for the same seed."""
    rng = random.Random(seed)
    cast: dict[str, list[Person]] = {s: [] for s in SUBJECTS}
    seen: set[str] = set()
    unique_roles: set[str] = set()  # one premier, one bondscoach
    while sum(len(v) for v in cast.values()) < size:
        subject = rng.choice(SUBJECTS)
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        if f"{first} {last}" in seen:
            continue
        seen.add(f"{first} {last}")
        role = rng.choice(SUBJECT_ROLES[subject])
        if role in UNIQUE_ROLES:
            if role in unique_roles:
                continue
            unique_roles.add(role)
        party = None
        if subject in FOREIGN_SUBJECTS and role in (
            "president",
            "minister van Financiën",
            "minister van Defensie",
            "minister van Buitenlandse Zaken",
            "bondskanselier",
            "generaal",
            "ambassadeur",
        ):
            role = f"{rng.choice(NATIONALITIES)[0]} {role}"
        elif subject == "politics" and role in (
            "fractievoorzitter",
            "Kamerlid",
            "minister van Financiën",
            "minister van Justitie en Veiligheid",
            "premier",
        ):
            party = rng.choice(PARTIES)
        cast[subject].append(Person(first, last, role, party, subject))
    return cast
