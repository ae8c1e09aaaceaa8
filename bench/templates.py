"""Sentence templates for the article generator, written for the benchmark.

Fields: {A} {B} {C} people (a full introduction with role on first mention, the surname after),
{city} {city2} {country} {country2} {org} {org2} {day} {date} {year}, {pct} a percentage,
{money} an amount, {n:NOUN} a count of NOUN ("zeker twaalf doden", "ruim 1.200 banen"),
{q} a quote from the subject's bank. Sentences starting with a lower-case field are capitalised.
"""

from __future__ import annotations

LEADS = {
    "war": (
        "In de nacht van {day} heeft het Russische leger {city} opnieuw aangevallen met raketten en drones.",
        "Bij een aanval op {city} zijn {day} {n:doden} gevallen en raakten {n:gewonden}.",
        "{A} heeft {day} in {city2} gesproken over een mogelijk staakt-het-vuren.",
        "De strijd rond {city} is volgens {org} de afgelopen week verder opgelaaid.",
    ),
    "politics": (
        "{A} wil dat het kabinet nog voor de zomer met een nieuw plan komt voor de woningmarkt.",
        "De coalitie is {day} opnieuw in de problemen gekomen na een botsing tussen {A} en {B}.",
        "{org} heeft {day} ingestemd met een omstreden wet over de asielopvang.",
        "{A} ligt onder vuur na uitspraken over de begroting van {year}.",
    ),
    "economy": (
        "De inflatie in {country} is in {month} gedaald naar {pct}, meldt {org}.",
        "{org} schrapt {n:banen} in Nederland, heeft het bedrijf {day} bekendgemaakt.",
        "{A} verwacht dat de economie dit jaar met {pct} groeit.",
        "De beurs in {city} sloot {day} lager na tegenvallende cijfers van {org}.",
    ),
    "sport": (
        "{org} heeft {day} met 3-1 gewonnen van {org2} en staat daardoor weer bovenaan.",
        "{A} is {day} gepresenteerd als nieuwe {role_a} van {org}.",
        "Het Nederlands elftal heeft in {city} een pijnlijke nederlaag geleden.",
        "{A} heeft zijn contract bij {org} verlengd tot de zomer van {year_next}.",
    ),
    "crime": (
        "De politie heeft {day} in {city} {n:verdachten} aangehouden na een reeks explosies bij woningen.",
        "{org} eist {n:jaar} cel tegen een man die vorig jaar in {city} een overval zou hebben gepleegd.",
        "In {city} is {day} een grote partij drugs onderschept, meldt {org}.",
        "De rechtbank in {city} heeft {day} uitspraak gedaan in een langlopende fraudezaak.",
    ),
    "royals": (
        "{royal} heeft {day} een werkbezoek gebracht aan {city}.",
        "{royal} opent volgende week in {city} een nieuw museum, meldt {org}.",
        "Het Koninklijk Huis heeft {day} bekendgemaakt dat {royal} in {month} naar {country} reist.",
        "{royal} sprak {day} in {city} met jongeren over de toekomst van hun regio.",
    ),
}

BODY = {
    "war": (
        "Volgens {org} werden {n:drones} neergehaald boven {city}.",
        "De luchtverdediging van {country} was de hele nacht actief.",
        "{A} noemde de aanval een schending van alle afspraken.",
        "Reddingswerkers zochten tot in de ochtend in het puin naar overlevenden.",
        "Bij de aanvallen werden {n:woningen} beschadigd en vielen in delen van de stad de stroom en het water uit.",
        "{B} zegt dat {country} de steun aan het leger de komende maanden verder zal opvoeren.",
        "Het is de zwaarste aanval op de stad sinds {date}.",
        "{A} sprak {day} met {B} over nieuwe wapenleveranties.",
        "Volgens de inlichtingendiensten zijn er aan het front {n:soldaten} gesneuveld.",
        "{org} roept beide partijen op de burgerbevolking te ontzien.",
        "De onderhandelingen in {city2} liggen voorlopig stil.",
        "Eerder deze week werden al {n:gevangenen} uitgewisseld.",
    ),
    "politics": (
        "{A} kreeg {day} steun van {B}, maar de oppositie blijft kritisch.",
        "Het voorstel kost volgens het Centraal Planbureau {money}.",
        "{B} diende een motie in die door een meerderheid van {n:Kamerleden} werd gesteund.",
        "De Kamer debatteert {day} verder over het plan.",
        "{A} zegt dat er {date} een besluit valt.",
        "In {city} protesteerden {n:demonstranten} tegen de plannen.",
        "Volgens een peiling steunt {pct} van de kiezers het voorstel.",
        "{B} verwijt {A} dat de gemeenten te weinig geld krijgen.",
        "De Raad van State was eerder kritisch over de wet.",
        "{C} wil eerst weten hoe het plan wordt uitgevoerd.",
        "Het kabinet trekt {money} uit voor de bouw van {n:woningen}.",
    ),
    "economy": (
        "De werkloosheid bleef vrijwel gelijk op {pct}.",
        "{A} wijst op de hoge energieprijzen als belangrijkste oorzaak.",
        "Het bedrijf boekte in het eerste kwartaal een winst van {money}.",
        "Volgens {org2} zijn de lonen in {year} met {pct} gestegen.",
        "{B} waarschuwt dat huishoudens met een laag inkomen het zwaarst worden getroffen.",
        "De omzet steeg naar {money}, ruim boven de verwachting van analisten.",
        "Bij de vestiging in {city} werken {n:mensen}.",
        "{A} en {B} spreken {day} in {city2} over een nieuwe cao.",
        "De aandelenkoers daalde na de bekendmaking met {pct}.",
        "Het Centraal Planbureau verlaagde de groeiverwachting voor {year_next}.",
        "Er zijn volgens de vakbond {n:banen} in gevaar.",
    ),
    "sport": (
        "{A} scoorde in de tweede helft twee keer.",
        "Het stadion in {city} zat met {n:toeschouwers} vol.",
        "{B} kreeg in de slotfase een rode kaart.",
        "Na {n:wedstrijden} heeft de ploeg een voorsprong van {n:punten}.",
        "{A} zegt dat het team nog veel moet verbeteren.",
        "De transfer levert {org2} naar verluidt {money} op.",
        "{C} viel na een half uur geblesseerd uit.",
        "Volgende week speelt de ploeg in {city2} tegen {org2}.",
        "De supporters zongen na afloop nog lang door.",
        "{B} werd door de trainer gewisseld na een matige eerste helft.",
    ),
    "crime": (
        "De verdachten zijn tussen de 19 en 34 jaar oud.",
        "Volgens {org} gaat het om een criminele organisatie die vanuit {city2} opereerde.",
        "{A} zegt dat de bewijslast overweldigend is.",
        "Bij doorzoekingen werden {n:vuurwapens} en {money} aan contant geld gevonden.",
        "{B} stelt dat zijn cliënt onschuldig is.",
        "De rechtbank doet over {n:weken} uitspraak.",
        "Buurtbewoners werden {day} rond drie uur 's nachts gewekt door een harde knal.",
        "Niemand raakte gewond, maar de schade aan {n:woningen} is groot.",
        "{A} roept getuigen op zich te melden.",
        "Het onderzoek wordt geleid door {org2}.",
        "In {year} werden in {city} al {n:aanslagen} gepleegd.",
    ),
    "royals": (
        "{royal} werd ontvangen door {A}.",
        "Langs de route stonden {n:belangstellenden}.",
        "Het bezoek staat in het teken van duurzaamheid en innovatie.",
        "{A} noemt het bezoek een erkenning voor de hele regio.",
        "Eerder dit jaar bracht {royal} al een staatsbezoek aan {country}.",
        "{org} maakte bekend dat het programma {n:dagen} duurt.",
        "De kosten van de reis bedragen volgens de begroting {money}.",
        "{B} zegt dat de belangstelling van het publiek groot is.",
        "Tijdens het bezoek sprak {royal} met {n:ondernemers} uit de streek.",
    ),
}

# How a quote is attributed: {S} the speaker, {q} the quoted words.
# Sentences that fit any subject.
GENERIC = (
    "Het is nog onduidelijk wat de gevolgen op langere termijn zijn.",
    "{A} wilde {day} niet verder ingaan op vragen van journalisten.",
    "De komende dagen moet meer duidelijk worden.",
    "Dat meldt {org} op basis van eigen onderzoek.",
    "Eerder dit jaar was er in {city} al veel te doen over de kwestie.",
    "{B} reageerde {day} verrast op het nieuws.",
    "Volgens ingewijden wordt er achter de schermen druk overlegd.",
    "In {month} {year} speelde een vergelijkbare zaak.",
    "{C} laat weten de ontwikkelingen op de voet te volgen.",
    "Critici wijzen erop dat er nog veel vragen openstaan.",
    "Het nieuws werd {day} als eerste gemeld door regionale media in {city}.",
)

QUOTE_FRAMES = (
    "„{q}”, aldus {S}.",
    "„{q}”, zei {S}.",
    "{S} zei: „{q}.”",
    "„{q}”, zegt {S}.",
    "{S} schreef op sociale media: „{q}.”",
    "„{q}”, liet {S} weten.",
    "„{q}”, reageerde {S} {day}.",
)

# Second halves that make a quote longer and more varied: „{q}, {tail}”.
QUOTE_TAILS = (
    "en dat zeggen we al maanden", "maar we blijven in gesprek", "dat is de realiteit",
    "daar ben ik heel duidelijk over", "en daar houden we iedereen aan", "ook al is dat niet populair",
    "zo simpel is het", "en dat moet iedereen nu begrijpen",
)

QUOTES = {
    "war": (
        "Dit is een bewuste aanval op burgers en daar moet een antwoord op komen",
        "We hebben meer luchtverdediging nodig, en wel nu",
        "Er is geen sprake van vrede zolang de raketten blijven vallen",
        "We laten ons niet intimideren",
        "De komende weken zijn cruciaal voor de onderhandelingen",
        "Elke dag wachten kost levens",
    ),
    "politics": (
        "Dit plan is niet uitvoerbaar en dat weet het kabinet ook",
        "We moeten nu doorpakken, anders verliezen we nog een jaar",
        "Ik heb er alle vertrouwen in dat we er samen uitkomen",
        "De kiezer verdient duidelijkheid",
        "Dit is geen begroting, dit is een boekhoudtruc",
        "We gaan hier niet mee akkoord",
    ),
    "economy": (
        "De rente blijft voorlopig hoog, daar moeten huishoudens rekening mee houden",
        "We zien dat consumenten voorzichtiger worden",
        "Dit is een pijnlijke maar noodzakelijke stap",
        "De cijfers vallen mee, maar we zijn er nog lang niet",
        "Zonder investeringen verliest Nederland zijn voorsprong",
    ),
    "sport": (
        "We hebben vandaag laten zien waartoe we in staat zijn",
        "Dit doet pijn, maar we moeten snel door",
        "Ik ben trots op deze groep",
        "De scheidsrechter had hier moeten ingrijpen",
        "Het kampioenschap is nog lang niet beslist",
    ),
    "crime": (
        "Dit soort geweld accepteren we niet in onze stad",
        "Mijn cliënt ontkent alle betrokkenheid",
        "We sluiten niet uit dat er meer arrestaties volgen",
        "Het onderzoek is nog in volle gang",
        "De buurt is diep geschokt",
    ),
    "royals": (
        "Het was een bijzondere dag voor iedereen hier",
        "De koning toonde veel belangstelling voor de verhalen van de bewoners",
        "Dit bezoek zet onze stad op de kaart",
        "We hebben het gevoel dat er echt geluisterd wordt",
    ),
}

# What a count counts, and plausible ranges: (low, high). Keys are the nouns used in {n:NOUN}.
COUNT_RANGES = {
    "doden": (2, 60), "gewonden": (5, 150), "drones": (10, 200), "woningen": (3, 800),
    "soldaten": (50, 1500), "gevangenen": (20, 400), "Kamerleden": (76, 120),
    "demonstranten": (200, 20000), "banen": (80, 4000), "mensen": (50, 3000),
    "toeschouwers": (8000, 55000), "wedstrijden": (5, 30), "punten": (1, 12), "verdachten": (2, 14),
    "jaar": (2, 18), "vuurwapens": (2, 40), "weken": (2, 8), "aanslagen": (3, 60),
    "belangstellenden": (100, 5000), "dagen": (2, 5), "ondernemers": (5, 60),
}

QUALIFIERS = ("zeker", "ruim", "minstens", "bijna", "ongeveer", "meer dan", "zo'n")

# Count nouns whose singular differs ("1 doden" is wrong): used when the value is 1.
SINGULAR = {"doden": "dode", "gewonden": "gewonde", "jaar": "jaar", "weken": "week", "dagen": "dag",
            "punten": "punt", "banen": "baan", "wedstrijden": "wedstrijd", "woningen": "woning"}

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
