"""A synthetic landlord: realistic, deterministic residents for the demo, tests and benchmarks.

``iter_rows(households, seed)`` yields the canonical HMS extract (one row per person, see
:mod:`.hms_columns`), so the same data can be written to a file for the importer
(:func:`write_extract`) or loaded straight into the database through the importer's own
checks and writer (:func:`load_into_database`). Loading and importing the file therefore
give identical records, and re-importing the file afterwards changes nothing.

Only ``random.Random(seed)`` is used, with built-in word lists, so the same households and
seed give the same rows on every machine and Python version (a different number of
households with the same seed is a different landlord). The shares below are rounded from
public sources on social housing (English Housing Survey 2022-23 social renters, CORE
lettings, ONS Census 2021, and the Scottish, Welsh and Northern Irish equivalents) and are
good enough to exercise every screen and report; they are not statistics.

``nation`` ("england", "wales", "scotland" or "northern_ireland") sets the tenures, towns,
postcodes and phone numbers. Names, emails (example.org/.com/.net) and phone numbers (Ofcom's
drama ranges) are made up and cannot reach anyone.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from tenantvoice.residents.hms_columns import COLUMN_NAMES

MIN_HOUSEHOLDS = 100
MAX_HOUSEHOLDS = 1_000_000
T = TypeVar("T")

# Tenure mix of a stock-transfer housing association with some leasehold (EHS/CORE).
TENURES_ENGLAND = (
    ("secure", 30),
    ("assured", 42),
    ("starter", 6),
    ("assured_shorthold", 4),
    ("leasehold", 10),
    ("shared_ownership", 3),
    ("freehold", 2),
    ("licence", 3),
)
# Scottish social landlords let Scottish secure tenancies (Housing (Scotland) Act 2001);
# owners in their blocks are factored (SHR annual return on the charter).
TENURES_SCOTLAND = (
    ("scottish_secure", 84),
    ("short_scottish_secure", 5),
    ("factored_owner", 9),
    ("licence", 2),
)
# Wales since 1 December 2022 (Renting Homes (Wales) Act 2016): secure contracts, which the
# register records as secure; introductory standard contracts as starter; standard contracts
# as assured shorthold.
TENURES_WALES = (
    ("secure", 80),
    ("starter", 7),
    ("assured_shorthold", 3),
    ("leasehold", 7),
    ("shared_ownership", 1),
    ("licence", 2),
)
# Northern Ireland: NIHE and housing association secure tenancies, introductory tenancies
# for the first year (recorded as starter), right-to-buy leaseholders and co-ownership.
TENURES_NORTHERN_IRELAND = (
    ("secure", 82),
    ("starter", 7),
    ("leasehold", 6),
    ("shared_ownership", 3),
    ("licence", 2),
)
PROPERTY_TYPES = (
    ("general_needs", 82),
    ("sheltered", 9),
    ("retirement", 3),
    ("supported", 4),
    ("temporary", 2),
)
# Lead tenants' ages (EHS: social renters are older than the population).
LEAD_AGE_BANDS = (
    ((18, 24), 5),
    ((25, 34), 13),
    ((35, 44), 16),
    ((45, 54), 18),
    ((55, 64), 18),
    ((65, 74), 15),
    ((75, 84), 10),
    ((85, 95), 5),
)
# Lead tenants of sheltered and retirement homes (CORE: most lettings are to people over 60).
OLDER_AGE_BANDS = (((55, 64), 15), ((65, 74), 35), ((75, 84), 35), ((85, 95), 15))
# Household shape once the lead tenant is chosen: (partner?, children, other adults).
# EHS 2022-23 social renters: about 44% live alone, 27% in two, 14% in three and 15% in
# four or more (up to six here). Sheltered homes and older tenants add more people living
# alone, so the general shapes have fewer.
HOUSEHOLD_SHAPES = (
    ((False, 0, 0), 34),
    ((True, 0, 0), 14),
    ((False, 1, 0), 7),
    ((False, 0, 1), 6),
    ((False, 2, 0), 6),
    ((True, 1, 0), 6),
    ((True, 0, 1), 3),
    ((True, 2, 0), 7),
    ((False, 3, 0), 3),
    ((True, 3, 0), 4),
    ((True, 2, 1), 2),
    ((True, 4, 0), 2),
)
HOUSEHOLD_SIZE_MAX = 6
# Shares of the register (CORE lettings and landlords' own data, rounded).
APPLICANT_SHARE = 0.05  # of households: about 3% of people are applicants or service users
MANAGED_FOR_SHARE = 0.03  # homes managed on behalf of another organisation
NOTICE_GIVEN_SHARE = 0.01  # tenancies with an end date: notice given
MISSING_UPRN = 0.10  # homes with no UPRN on the housing system
MISSING_DATE_OF_BIRTH = 0.04  # people with no date of birth recorded
# Adults with an email address and with a mobile number: (under 75, 75 and over); Ofcom's
# adults' media use: fewer older people use email or a mobile. A quarter have a landline.
EMAIL_SHARE = (0.7, 0.35)
MOBILE_SHARE = (0.8, 0.5)
LANDLINE_SHARE = 0.25
RURAL_SHARE = 0.12  # neighbourhoods in rural places (EHS: about 1 in 10 social homes)
# The date the extract is taken, unless another is given (fixed, so that ages and dates
# are the same on every run).
AS_OF = dt.date(2026, 4, 1)
# Main language other than English (Census 2021, social renters in English cities).
LANGUAGES = (
    ("en", 880),
    ("pl", 22),
    ("bn", 15),
    ("ur", 14),
    ("so", 12),
    ("pa", 9),
    ("ar", 9),
    ("ro", 8),
    ("pt", 7),
    ("tr", 5),
    ("zh", 4),
    ("ti", 4),
    ("ku", 3),
    ("lt", 3),
    ("es", 3),
    ("fa", 2),
)
# Welsh: about 1 in 20 social tenants in Wales ask for Welsh (Census 2021 Welsh speakers,
# fewer of whom choose it for letters); Scottish Gaelic and Irish are rarer still.
LANGUAGES_EXTRA = {"wales": (("cy", 50),), "scotland": (("gd", 2),), "northern_ireland": (("ga", 3),)}
CHANNELS = (("email", 33), ("letter", 27), ("phone", 14), ("sms", 13), ("portal", 4), ("", 9))
OLDER_CHANNELS = (("letter", 48), ("phone", 26), ("email", 12), ("sms", 5), ("", 9))
# Adults asking for each accessible format: (under 75, 75 and over). RNIB and landlords'
# own records: large print is common among older tenants, braille rare.
ACCESSIBLE_FORMATS = {
    "large_print": (0.02, 0.09),
    "braille": (0.002, 0.002),
    "audio": (0.005, 0.005),
    "easy_read": (0.015, 0.015),
}
# Of adults whose language is not English: letters translated, and an interpreter needed.
TRANSLATION_SHARE = 0.4
INTERPRETER_SHARE = 0.3
# Adults with a recorded support need: (under 75, 75 and over).
SUPPORT_NEEDS_SHARE = (0.06, 0.18)
SUPPORT_NEEDS = (
    "Uses a wheelchair",
    "Hearing impairment: please text or email",
    "Visual impairment",
    "Mental health: please call before visiting",
    "Learning disability: easy read please",
    "Needs extra time to answer the door",
    "Dementia: a family member helps with post",
    "Autism: prefers written contact",
)
MANAGED_FOR = ("Riverside Care Trust", "Homes for Hope", "St Anne's Supported Housing")

FEMALE_NAMES = {
    "old": (
        "Margaret",
        "Patricia",
        "Jean",
        "Maureen",
        "Doreen",
        "Sheila",
        "Barbara",
        "Joan",
        "Irene",
        "Brenda",
        "Valerie",
        "Pauline",
        "Eileen",
        "Janet",
        "Kathleen",
        "Mary",
        "Bridget",
        "Gloria",
    ),
    "mid": (
        "Karen",
        "Tracey",
        "Michelle",
        "Julie",
        "Nicola",
        "Donna",
        "Lisa",
        "Sarah",
        "Amanda",
        "Joanne",
        "Nasreen",
        "Shabana",
        "Agnieszka",
        "Fatuma",
        "Marcia",
        "Claire",
        "Dawn",
        "Yasmin",
    ),
    "young": (
        "Chloe",
        "Jade",
        "Amy",
        "Megan",
        "Shannon",
        "Aaliyah",
        "Amira",
        "Zainab",
        "Olivia",
        "Lauren",
        "Maja",
        "Hodan",
        "Ellie",
        "Courtney",
        "Precious",
        "Sophie",
        "Aisha",
        "Kayleigh",
    ),
}
MALE_NAMES = {
    "old": (
        "John",
        "David",
        "Michael",
        "Peter",
        "Brian",
        "Kenneth",
        "Derek",
        "Ronald",
        "Patrick",
        "Winston",
        "Roy",
        "Terence",
        "Alan",
        "Colin",
        "Dennis",
        "Abdul",
        "Gerald",
        "Frank",
    ),
    "mid": (
        "Paul",
        "Mark",
        "Darren",
        "Lee",
        "Craig",
        "Wayne",
        "Stephen",
        "Jason",
        "Gary",
        "Mohammed",
        "Tomasz",
        "Abdi",
        "Delroy",
        "Imran",
        "Andrew",
        "Kevin",
        "Neil",
        "Shaun",
    ),
    "young": (
        "Jack",
        "Liam",
        "Connor",
        "Kyle",
        "Callum",
        "Jordan",
        "Ryan",
        "Adam",
        "Omar",
        "Yusuf",
        "Jakub",
        "Mason",
        "Tyler",
        "Reece",
        "Bilal",
        "Kofi",
        "Ethan",
        "Harvey",
    ),
}
CHILD_NAMES = (
    "Noah",
    "Leo",
    "Oscar",
    "Muhammad",
    "Isla",
    "Ava",
    "Mia",
    "Freya",
    "Theo",
    "Archie",
    "Lily",
    "Amelia",
    "Zara",
    "Ibrahim",
    "Alfie",
    "Grace",
    "Maryam",
    "Oliver",
    "Poppy",
    "Elijah",
)
SURNAMES = (
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Lee",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
    "Mitchell",
    "Kelly",
    "Cook",
    "Carter",
    "Richardson",
    "Bailey",
    "Collins",
    "Bell",
    "Shaw",
    "Murphy",
    "Miller",
    "Cox",
    "Richards",
    "Khan",
    "Marshall",
    "Anderson",
    "Simpson",
    "Ellis",
    "Adams",
    "Singh",
    "Begum",
    "Wilkinson",
    "Foster",
    "Chapman",
    "Powell",
    "Webb",
    "Rogers",
    "Gray",
    "Mason",
    "Ali",
    "Hunt",
    "Hussain",
    "Campbell",
    "Matthews",
    "Owen",
    "Palmer",
    "Holmes",
    "Mills",
    "Barnes",
    "Knight",
    "Lloyd",
    "Butler",
    "Russell",
    "Barker",
    "Fisher",
    "Stevens",
    "Jenkins",
    "Murray",
    "Dixon",
    "Harvey",
    "O'Brien",
    "O'Connor",
    "Byrne",
    "McCarthy",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Mohamed",
    "Hassan",
    "Abdi",
    "Warsame",
    "Ahmed",
    "Rahman",
    "Uddin",
    "Miah",
    "Chowdhury",
    "Akhtar",
    "Iqbal",
    "Mahmood",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Boateng",
    "Campbell-Brown",
    "Grant",
    "Francis",
    "Chen",
    "Wong",
    "Popescu",
    "Silva",
    "Yilmaz",
    "Haile",
)
STREET_WORDS = (
    "Oak",
    "Ash",
    "Elm",
    "Beech",
    "Willow",
    "Rowan",
    "Cedar",
    "Hazel",
    "Maple",
    "Holly",
    "Church",
    "Mill",
    "Station",
    "Victoria",
    "Albert",
    "Park",
    "Queens",
    "Kings",
    "Canal",
    "Bridge",
    "Chapel",
    "Market",
    "Castle",
    "Brook",
    "Meadow",
    "Orchard",
    "Fern",
    "Heather",
    "Ivy",
    "Laurel",
)
STREET_KINDS = ("Road", "Street", "Close", "Way", "Avenue", "Lane", "Gardens", "Crescent", "Grove", "Walk")
AREA_NAMES = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Riverside",
    "Hillside",
    "Valley",
    "Parkside",
    "Canalside",
    "Moorside",
    "Lakeside",
)
# Places for each nation: neighbourhoods, then towns with their postcode areas and districts.
NEIGHBOURHOODS = {
    "england": (
        "Abbey",
        "Ardwick",
        "Bankside",
        "Belle Vue",
        "Brookfield",
        "Castlefield",
        "Cheetham",
        "Clayton",
        "Crossacres",
        "Didsbury",
        "Fallowfield",
        "Gorton",
        "Hulme",
        "Levenshulme",
        "Longsight",
        "Moss Side",
        "Newton Heath",
        "Openshaw",
        "Rusholme",
        "Wythenshawe",
        "Chorlton",
        "Baguley",
        "Benchill",
        "Burnage",
    ),
    "wales": (
        "Ely",
        "Caerau",
        "Splott",
        "Grangetown",
        "Butetown",
        "Llanrumney",
        "Trowbridge",
        "Pentrebane",
        "Townhill",
        "Penlan",
        "Blaenymaes",
        "Bettws",
        "Pillgwenlly",
        "Alway",
        "Caia Park",
        "Gurnos",
        "Penrhys",
        "Maesteg",
    ),
    "scotland": (
        "Easterhouse",
        "Drumchapel",
        "Castlemilk",
        "Possilpark",
        "Govan",
        "Pilton",
        "Craigmillar",
        "Wester Hailes",
        "Muirhouse",
        "Niddrie",
        "Whitfield",
        "Lochee",
        "Ardler",
        "Torry",
        "Tillydrone",
        "Ferguslie Park",
        "Sighthill",
        "Royston",
    ),
    "northern_ireland": (
        "Shankill",
        "Falls",
        "Ardoyne",
        "Short Strand",
        "Rathcoole",
        "Creggan",
        "Shantallow",
        "Twinbrook",
        "Poleglass",
        "Tullycarnet",
        "Andersonstown",
        "Ballybeen",
        "Kilcooley",
        "Galliagh",
        "Seymour Hill",
        "Carnany",
    ),
}
_DISTRICTS = tuple(range(1, 21))
TOWNS = {
    "england": (
        ("Manchester", "M", _DISTRICTS),
        ("Stockport", "SK", _DISTRICTS),
        ("Oldham", "OL", _DISTRICTS),
        ("Bolton", "BL", _DISTRICTS),
        ("Wigan", "WN", _DISTRICTS),
        ("Leeds", "LS", _DISTRICTS),
        ("Bradford", "BD", _DISTRICTS),
        ("Sheffield", "S", _DISTRICTS),
        ("Liverpool", "L", _DISTRICTS),
        ("Warrington", "WA", _DISTRICTS),
        ("Chester", "CH", _DISTRICTS),
        ("Preston", "PR", _DISTRICTS),
    ),
    "wales": (
        ("Cardiff", "CF", _DISTRICTS),
        ("Swansea", "SA", _DISTRICTS),
        ("Newport", "NP", _DISTRICTS),
        ("Wrexham", "LL", _DISTRICTS),
        ("Aberystwyth", "SY", _DISTRICTS),
        ("Llandrindod Wells", "LD", _DISTRICTS),
    ),
    "scotland": (
        ("Glasgow", "G", _DISTRICTS),
        ("Edinburgh", "EH", _DISTRICTS),
        ("Dundee", "DD", _DISTRICTS),
        ("Aberdeen", "AB", _DISTRICTS),
        ("Paisley", "PA", _DISTRICTS),
        ("Motherwell", "ML", _DISTRICTS),
        ("Kilmarnock", "KA", _DISTRICTS),
        ("Falkirk", "FK", _DISTRICTS),
    ),
    # Every Northern Irish postcode is BT; the district says where.
    "northern_ireland": (
        ("Belfast", "BT", tuple(range(1, 18))),
        ("Lisburn", "BT", (27, 28)),
        ("Newtownabbey", "BT", (36, 37)),
        ("Bangor", "BT", (19, 20)),
        ("Londonderry", "BT", (47, 48)),
        ("Newry", "BT", (34, 35)),
        ("Craigavon", "BT", (62, 63, 64, 65, 66)),
        ("Ballymena", "BT", (42, 43)),
    ),
}
# Ofcom's numbers reserved for drama, so that no real person is ever rung.
LANDLINE_PREFIX = {
    "england": "0161 496 0",
    "wales": "029 2018 0",
    "scotland": "0141 496 0",
    "northern_ireland": "028 9649 6",
}
NATIONS = ("england", "wales", "scotland", "northern_ireland")
NEIGHBOURHOODS_PER_TOWN = 12
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
BLOCK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# Homes per block, and blocks per estate and estates per neighbourhood on average.
HOMES_PER_BLOCK = (20, 60)
BLOCKS_PER_ESTATE = 6
ESTATES_PER_NEIGHBOURHOOD = 4
# Top-level areas (housing management patches) grow slowly with size: 4 up to 10,000
# homes, then one more at each of these sizes, 8 from 600,000.
AREAS_FROM = ((10_000, 5), (50_000, 6), (200_000, 7), (600_000, 8))


def weighted(pairs: Sequence[tuple[T, int]]) -> Callable[[random.Random], T]:
    """A chooser over (value, weight) pairs, with the weights summed once."""
    values = [v for v, _ in pairs]
    cumulative = []
    total = 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)

    def choose(rng: random.Random) -> T:
        return rng.choices(values, cum_weights=cumulative)[0]

    return choose


_TENURES = {
    "england": weighted(TENURES_ENGLAND),
    "wales": weighted(TENURES_WALES),
    "scotland": weighted(TENURES_SCOTLAND),
    "northern_ireland": weighted(TENURES_NORTHERN_IRELAND),
}
_LANGUAGES = {nation: weighted(LANGUAGES + LANGUAGES_EXTRA.get(nation, ())) for nation in NATIONS}
_property_type = weighted(PROPERTY_TYPES)
_lead_band = weighted(LEAD_AGE_BANDS)
_older_band = weighted(OLDER_AGE_BANDS)
_shape = weighted(HOUSEHOLD_SHAPES)
_channel = weighted(CHANNELS)
_older_channel = weighted(OLDER_CHANNELS)


def check_size(households: int) -> None:
    if not MIN_HOUSEHOLDS <= households <= MAX_HOUSEHOLDS:
        raise ValueError(
            f"The synthetic landlord has between {MIN_HOUSEHOLDS:,} and {MAX_HOUSEHOLDS:,} "
            f"households; {households:,} was asked for."
        )


def check_nation(nation: str) -> None:
    if nation not in NATIONS:
        raise ValueError(f"The nation must be one of {', '.join(NATIONS)}; '{nation}' was asked for.")


def _areas_for(households: int) -> int:
    areas = 4
    for size, count in AREAS_FROM:
        if households >= size:
            areas = count
    return areas


class _Places:
    """Areas, neighbourhoods, estates, blocks and streets, laid out for the landlord's size.

    Blocks are numbered in the order homes are let; consecutive blocks make an estate, and
    estates are dealt round the neighbourhoods, which are dealt round the areas, so that
    every area has homes even for a small landlord.
    """

    def __init__(self, households: int, rng: random.Random, nation: str) -> None:
        areas = _areas_for(households)
        blocks = households * 2 // sum(HOMES_PER_BLOCK) + 1
        estates = max(2 * areas, -(-blocks // BLOCKS_PER_ESTATE))
        self.blocks_per_estate = max(1, blocks // estates)
        neighbourhoods = min(estates, max(2 * areas, -(-estates // ESTATES_PER_NEIGHBOURHOOD)))
        names = NEIGHBOURHOODS[nation]
        towns = TOWNS[nation]
        self.neighbourhoods: list[tuple[str, str, str, str, str]] = []
        for n in range(neighbourhoods):
            town, postcode_area, districts = towns[(n // NEIGHBOURHOODS_PER_TOWN) % len(towns)]
            self.neighbourhoods.append(
                (
                    AREA_NAMES[n % areas],
                    _numbered(names, n),
                    f"{postcode_area}{districts[n % len(districts)]}",
                    town,
                    "rural" if rng.random() < RURAL_SHARE else "urban",
                )
            )

    def place(self, block: int) -> dict[str, str]:
        estate, index = divmod(block, self.blocks_per_estate)
        count = len(self.neighbourhoods)
        area, neighbourhood, outward, town, location = self.neighbourhoods[estate % count]
        estate_name = f"{_numbered(STREET_WORDS, estate // count)} Estate"
        letter = BLOCK_LETTERS[index % len(BLOCK_LETTERS)]
        words = len(STREET_WORDS)
        return {
            "area": f"{area} > {neighbourhood} > {estate_name} > Block {letter}",
            "block": letter,
            "street": f"{STREET_WORDS[block % words]} {STREET_KINDS[(block // words) % len(STREET_KINDS)]}",
            "postcode": f"{outward} {block % 9 + 1}{UNIT_LETTERS[block % 20]}"
            f"{UNIT_LETTERS[(block // 20) % 20]}",
            "town": town,
            "location": location,
        }


def _numbered(words: Sequence[str], n: int) -> str:
    """Names that never run out: Oak, Ash ... then Oak 2, Ash 2 ..."""
    word = words[n % len(words)]
    return word if n < len(words) else f"{word} {n // len(words) + 1}"


def _date_of_birth(rng: random.Random, age: int, as_of: dt.date) -> str:
    """A birthday that makes the person exactly ``age`` on ``as_of``."""
    try:
        birthday = as_of.replace(year=as_of.year - age)
    except ValueError:  # 29 February
        birthday = as_of.replace(year=as_of.year - age, day=28)
    return (birthday - dt.timedelta(days=rng.randrange(365))).isoformat()


def _cohort(age: int) -> str:
    return "old" if age >= 60 else ("mid" if age >= 35 else "young")


def _contacts(rng: random.Random, ref: str, first: str, last: str, age: int, landline: str) -> dict[str, str]:
    if age < 16:
        return {}
    has_email = rng.random() < (EMAIL_SHARE[1] if age >= 75 else EMAIL_SHARE[0])
    domain = ("example.org", "example.com", "example.net")[rng.randrange(3)]
    plain = unicodedata.normalize("NFKD", f"{first}.{last}".lower()).encode("ascii", "ignore").decode()
    local = "".join(ch for ch in plain if ch.isalnum() or ch == ".")
    return {
        "email": f"{local}.{ref[1:].lstrip('0')}@{domain}" if has_email else "",
        # Ofcom's numbers reserved for drama (as are the landlines): never a real person's.
        "mobile_phone": f"07700 900{rng.randrange(1000):03d}"
        if rng.random() < (MOBILE_SHARE[1] if age >= 75 else MOBILE_SHARE[0])
        else "",
        "other_phone": f"{landline}{rng.randrange(1000):03d}" if rng.random() < LANDLINE_SHARE else "",
    }


def _person(
    rng: random.Random,
    ref: str,
    *,
    age: int,
    female: bool,
    last: str,
    language: str,
    as_of: dt.date,
    landline: str,
    child: bool = False,
) -> dict[str, str]:
    names = CHILD_NAMES if child else (FEMALE_NAMES if female else MALE_NAMES)[_cohort(age)]
    first = names[rng.randrange(len(names))]
    row = {
        "person_ref": ref,
        "first_name": first,
        "last_name": last,
        "language": language,
        "title": "" if child else ("Ms" if female else "Mr") if rng.random() < 0.7 else "",
        "date_of_birth": "" if rng.random() < MISSING_DATE_OF_BIRTH else _date_of_birth(rng, age, as_of),
    }
    row.update(_contacts(rng, ref, first, last, age, landline))
    if not child:
        channel = (_older_channel if age >= 70 else _channel)(rng)
        if channel == "email" and not row.get("email"):
            channel = "letter"
        if channel == "sms" and not row.get("mobile_phone"):
            channel = "phone" if row.get("other_phone") else "letter"
        row["preferred_channel"] = channel
        older = age >= 75
        for column, (share, older_share) in ACCESSIBLE_FORMATS.items():
            row[column] = "Y" if rng.random() < (older_share if older else share) else "N"
        row["translation"] = "Y" if language != "en" and rng.random() < TRANSLATION_SHARE else "N"
        row["needs_interpreter"] = "Y" if language != "en" and rng.random() < INTERPRETER_SHARE else "N"
        if rng.random() < (SUPPORT_NEEDS_SHARE[1] if older else SUPPORT_NEEDS_SHARE[0]):
            row["support_needs"] = SUPPORT_NEEDS[rng.randrange(len(SUPPORT_NEEDS))]
    return row


def iter_rows(
    households: int, seed: int, *, nation: str = "england", as_of: dt.date | None = None
) -> Iterator[dict[str, str]]:
    """The extract of ``households`` households (plus applicants and service users), one
    row per person; the keys are :data:`.hms_columns.COLUMN_NAMES`, every value a string."""
    for household in iter_households(households, seed, nation=nation, as_of=as_of):
        yield from household


def iter_households(
    households: int, seed: int, *, nation: str = "england", as_of: dt.date | None = None
) -> Iterator[list[dict[str, str]]]:
    """The extract a household at a time (an applicant or service user is a household of one)."""
    check_size(households)
    check_nation(nation)
    rng = random.Random(seed)
    as_of = as_of or AS_OF
    places = _Places(households, rng, nation)
    tenure_of = _TENURES[nation]
    language_of = _LANGUAGES[nation]
    landline = LANDLINE_PREFIX[nation]
    person = 0
    block, flats_left, flat = -1, 0, 0
    place: dict[str, str] = {}
    for number in range(1, households + 1):
        # Applicants and service users without a tenancy take the place of a household here.
        if rng.random() < APPLICANT_SHARE:
            person += 1
            age = rng.randint(18, 70)
            yield [
                _blank()
                | _person(
                    rng,
                    f"P{person:07d}",
                    age=age,
                    female=rng.random() < 0.55,
                    last=SURNAMES[rng.randrange(len(SURNAMES))],
                    language=language_of(rng),
                    as_of=as_of,
                    landline=landline,
                )
                | {"resident_kind": "applicant" if rng.random() < 0.7 else "service_user"}
            ]
            continue
        if not flats_left:
            block += 1
            flats_left = rng.randint(*HOMES_PER_BLOCK)
            flat = 0
            place = places.place(block)
        flats_left -= 1
        flat += 1
        property_type = _property_type(rng)
        older_home = property_type in ("sheltered", "retirement")
        tenure = "licence" if property_type in ("supported", "temporary") else tenure_of(rng)
        if tenure == "licence" and property_type == "general_needs":
            property_type = "supported"
        # A third of general needs homes are houses on the estate's streets, the rest flats.
        in_block = property_type != "general_needs" or number % 3
        street = place["street"]
        home = {
            "tenancy_ref": f"T{number:07d}",
            "tenure": tenure,
            "property_ref": f"H{number:07d}",
            "address_line_1": f"Flat {flat}, {place['block']} Block" if in_block else f"{flat} {street}",
            "address_line_2": street if in_block else "",
            "town": place["town"],
            "postcode": place["postcode"],
            "area": place["area"],
            "uprn": "" if rng.random() < MISSING_UPRN else f"10{number * 7919 % 10**10:010d}",
            "property_type": property_type,
            "location": place["location"],
            "managed_for": MANAGED_FOR[number % len(MANAGED_FOR)] if rng.random() < MANAGED_FOR_SHARE else "",
            "tenancy_start": _start_date(rng, as_of),
            "tenancy_end": "",
        }
        if rng.random() < NOTICE_GIVEN_SHARE:  # notice given: ends within the next two months
            home["tenancy_end"] = (as_of + dt.timedelta(days=rng.randint(7, 60))).isoformat()
        low, high = (_older_band if older_home else _lead_band)(rng)
        lead_age = rng.randint(low, high)
        partner, children, others = (False, 0, 0) if older_home and rng.random() < 0.85 else _shape(rng)
        if lead_age >= 60:
            children = 0
        language = language_of(rng)
        last = SURNAMES[rng.randrange(len(SURNAMES))]
        female = rng.random() < 0.6
        person += 1
        joint = partner and rng.random() < 0.45
        household = [
            _blank()
            | home
            | _person(
                rng,
                f"P{person:07d}",
                age=lead_age,
                female=female,
                last=last,
                language=language,
                as_of=as_of,
                landline=landline,
            )
            | {"relationship": "tenant"}
        ]
        members: list[tuple[int, bool, bool]] = []
        if partner:
            members.append((max(18, lead_age + rng.randint(-6, 6)), not female, False))
        for _ in range(children):
            members.append((rng.randint(0, 17), rng.random() < 0.5, True))
        for _ in range(others):
            members.append(
                (rng.randint(18, 30) if lead_age > 45 else rng.randint(40, 80), rng.random() < 0.5, False)
            )
        for index, (age, member_female, child) in enumerate(members):
            person += 1
            relationship = "joint_tenant" if joint and index == 0 else "household_member"
            household.append(
                _blank()
                | home
                | _person(
                    rng,
                    f"P{person:07d}",
                    age=age,
                    female=member_female,
                    last=last,
                    language=language,
                    as_of=as_of,
                    landline=landline,
                    child=child,
                )
                | {"relationship": relationship}
            )
        yield household


def _blank() -> dict[str, str]:
    return dict.fromkeys(COLUMN_NAMES, "")


def _start_date(rng: random.Random, as_of: dt.date) -> str:
    # Recent lettings are commoner than old ones: about a tenth of homes are let each year.
    years = min(45.0, rng.expovariate(1 / 9))
    return (as_of - dt.timedelta(days=int(years * 365) + 30)).isoformat()


def write_extract(
    path: str | Path,
    households: int,
    seed: int,
    *,
    format: str = "csv",
    nation: str = "england",
    as_of: dt.date | None = None,
) -> int:
    """Write the extract as CSV or XLSX, streaming; returns the number of people written."""
    path = Path(path)
    rows = iter_rows(households, seed, nation=nation, as_of=as_of)
    count = 0
    if format == "csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMN_NAMES)
            for row in rows:
                writer.writerow([row[c] for c in COLUMN_NAMES])
                count += 1
        return count
    if format == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Extract")
        sheet.append(list(COLUMN_NAMES))
        for row in rows:
            sheet.append([row[c] for c in COLUMN_NAMES])
            count += 1
        book.save(path)
        return count
    raise ValueError(f"Write the extract as csv or xlsx, not {format!r}.")


# Households checked and written per import batch: each batch is the importer's unit of work,
# held in memory while it is checked, so a million households load in bounded memory.
LOAD_BATCH_HOUSEHOLDS = 25_000


def load_into_database(
    households: int,
    seed: int,
    *,
    nation: str = "england",
    as_of: dt.date | None = None,
    allow_existing: bool = False,
    with_equality: bool = False,
    batch_size: int = LOAD_BATCH_HOUSEHOLDS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Load the synthetic landlord into the database; returns how many of each were added.

    The rows go through the importer's own checks and writer (in batches of ``batch_size``
    households, all in one transaction), so the records are exactly those an import of
    :func:`write_extract`'s file makes, and importing that file afterwards changes nothing.
    ``progress(households_done, households)`` is called after each batch. Raises ValueError
    if the register already has residents, unless ``allow_existing``.
    """
    from django.db import transaction
    from django.db.models import Max

    from tenantvoice.residents.importing import import_rows
    from tenantvoice.residents.models import Resident

    check_size(households)
    check_nation(nation)
    if batch_size < 1:
        raise ValueError("The batch size must be at least one household.")
    if not allow_existing and Resident.objects.exists():
        raise ValueError(
            "The database already has residents. The synthetic landlord is loaded into an "
            "empty register (or pass allow_existing=True to add to it)."
        )
    as_of = as_of or AS_OF
    parts = -(-households // batch_size)
    counts: dict[str, int] = {}
    done = 0
    with transaction.atomic():
        last_pk_before = Resident.objects.aggregate(last=Max("pk"))["last"] or 0
        batches = _batched(iter_households(households, seed, nation=nation, as_of=as_of), batch_size)
        for part, batch in enumerate(batches, start=1):
            name = f"synthetic landlord ({households:,} households, seed {seed})"
            result = import_rows(
                _cells(batch),
                name=name if parts == 1 else f"{name}, part {part} of {parts}",
                as_of=as_of,
                # Each batch adds to what the earlier ones wrote: none is the whole extract.
                full_extract=False,
            )
            if result.errors or result.status != "completed":
                raise RuntimeError(
                    f"The importer refused the generator's rows: {result.message} "
                    f"{[e.message for e in result.errors[:3]]}"
                )
            for noun, change in result.counts.items():
                counts[noun] = counts.get(noun, 0) + change.get("added", 0)
            done += len(batch)
            if progress:
                progress(done, households)
        if with_equality:
            counts["equality profiles"] = add_equality_profiles(seed, after_pk=last_pk_before, as_of=as_of)
    return counts


def _batched(households: Iterator[list[dict[str, str]]], size: int) -> Iterator[list[list[dict[str, str]]]]:
    batch: list[list[dict[str, str]]] = []
    for household in households:
        batch.append(household)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _cells(batch: list[list[dict[str, str]]]) -> Iterator[list[str]]:
    """A batch as the importer reads a file: the heading row, then one row of cells a person."""
    yield list(COLUMN_NAMES)
    for household in batch:
        for row in household:
            yield [row[c] for c in COLUMN_NAMES]


# --- Equality answers: only for residents who consented ---------------------------------

ETHNICITY_WEIGHTS = (
    ("white_british", 640),
    ("white_irish", 12),
    ("white_gypsy_traveller", 3),
    ("white_roma", 2),
    ("white_other", 55),
    ("mixed_white_black_caribbean", 15),
    ("mixed_white_black_african", 8),
    ("mixed_white_asian", 8),
    ("mixed_other", 10),
    ("asian_indian", 15),
    ("asian_pakistani", 35),
    ("asian_bangladeshi", 30),
    ("asian_chinese", 6),
    ("asian_other", 12),
    ("black_african", 55),
    ("black_caribbean", 25),
    ("black_other", 10),
    ("other_arab", 8),
    ("other_any", 12),
    ("prefer_not_to_say", 39),
)
DISABILITY_WEIGHTS = (("yes_a_lot", 17), ("yes_a_little", 16), ("no", 60), ("prefer_not_to_say", 7))
RELIGION_WEIGHTS = (
    ("none", 36),
    ("christian", 38),
    ("muslim", 13),
    ("hindu", 1),
    ("sikh", 1),
    ("jewish", 1),
    ("buddhist", 1),
    ("other", 1),
    ("prefer_not_to_say", 8),
)
ORIENTATION_WEIGHTS = (
    ("straight", 86),
    ("gay_lesbian", 2),
    ("bisexual", 2),
    ("other", 1),
    ("prefer_not_to_say", 9),
)
CARING_WEIGHTS = (("none", 80), ("under_20", 7), ("20_to_49", 3), ("50_plus", 4), ("prefer_not_to_say", 6))
# About 4 in 10 residents answer the equality questions when asked (landlords' own returns).
EQUALITY_SHARE = 0.4
CONSENT_WORDING = (
    "I agree that my landlord may keep these answers to check that it treats everyone fairly. "
    "I can change or delete them at any time."
)


def add_equality_profiles(
    seed: int, share: float = EQUALITY_SHARE, *, after_pk: int = 0, as_of: dt.date | None = None
) -> int:
    """Equality answers for about ``share`` of the adults (16 or over, or of unknown age)
    without any, whose id is above ``after_pk``; each with recorded consent."""
    from django.utils import timezone

    from tenantvoice.residents.models import ConsentMethod, EqualityProfile, Resident

    rng = random.Random(seed * 7 + 1)
    choose = {
        name: weighted(pairs)
        for name, pairs in (
            ("ethnicity", ETHNICITY_WEIGHTS),
            ("disability", DISABILITY_WEIGHTS),
            ("religion", RELIGION_WEIGHTS),
            ("sexual_orientation", ORIENTATION_WEIGHTS),
            ("caring_responsibilities", CARING_WEIGHTS),
        )
    }
    now = timezone.now()
    as_of = as_of or AS_OF
    made = 0
    profiles: list[EqualityProfile] = []
    adults = (
        Resident.objects.filter(equality_profile__isnull=True, pk__gt=after_pk)
        .exclude(date_of_birth__gt=as_of.replace(year=as_of.year - 16))
        .order_by("pk")
        .values_list("pk", "title")
    )
    for pk, title in adults.iterator(chunk_size=5000):
        if rng.random() >= share:
            continue
        sex = (
            "female"
            if title == "Ms"
            else ("male" if title == "Mr" else ("female" if rng.random() < 0.55 else "male"))
        )
        profile = EqualityProfile(
            resident_id=pk,
            consent_given_at=now,
            consent_wording=CONSENT_WORDING,
            consent_method=ConsentMethod.PORTAL if rng.random() < 0.6 else ConsentMethod.PAPER,
            sex="prefer_not_to_say" if rng.random() < 0.03 else sex,
            gender_same_as_sex_at_birth="yes"
            if rng.random() < 0.95
            else ("prefer_not_to_say" if rng.random() < 0.8 else "no"),
            **{name: chooser(rng) for name, chooser in choose.items()},
        )
        profiles.append(profile)
        if len(profiles) == 5000:
            made += len(EqualityProfile.objects.bulk_create(profiles, batch_size=1000))
            profiles = []
    made += len(EqualityProfile.objects.bulk_create(profiles, batch_size=1000))
    return made
