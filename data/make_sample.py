#!/usr/bin/env python3
"""Write quotedesk's embedded sample corpus: a small, entirely fictional news world.

Everything this script writes is invented by the project: the republics of Norland and
Vastavia, their people, companies, cities, outlets and events. No text is taken from any
real publication. Run it from anywhere; it rewrites ``data/sample/`` deterministically:

    python data/make_sample.py

Articles are written below in a light inline markup, so that the text and the known answers
in ``expected.json`` come from the same source and can never disagree:

    [[okafor:direct|...]]            a statement: speaker key, kind, then the quoted words
    [[okafor:direct:interrupted|..]] optional third field: forms, joined with "+"
    [[-:belief|...]]                 a belief held by an unnamed group ("analysts believe")
    <<s:deficit:2.1e9|$2.1bn>>       a point in a figure series (series key, value)
    <<f:percent:%:~40|40%>>          any other figure: type, unit, value ("~" = approximate)
    <<n|Resolution 4417>>            a number that is NOT a figure (year, date, code, ordinal)

The markup is stripped when the files are written. Outlets that use curly quotation marks
get them here (straight quotes in the source become “ ” and apostrophes become ’).

Conventions of the annotations (so tests know what to expect):
- a direct quote's span is the text between the marks, without the comma that stands in for
  a full stop before the attribution ("We will win," she said -> "We will win");
- a quote running over two paragraphs is one statement; ``fragments`` holds each part;
- an indirect statement's span is the reported clause, without "that" and the final stop;
- a mixed statement's span is the reported clause including its quoted fragment;
- a headline attribution's span lies in the ``title`` (``section: "title"``).
The annotated statements are a hand-picked subset, not every statement in the corpus.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "sample"

# --------------------------------------------------------------------------------------------
# The world
# --------------------------------------------------------------------------------------------

OUTLETS = {
    # code: (name, base url, uses curly quotation marks)
    "NL": ("Northern Ledger", "https://northernledger.test", False),
    "VDW": ("Vastavia Daily Wire", "https://vdw.test", False),
    "HT": ("The Harbour Times", "https://harbourtimes.test", True),
    "CBN": ("Capital Broadcast News", "https://cbn.test/news", False),
    "MP": ("Meridian Post", "https://example.org/meridian-post", True),
}

# Every speaker that has an annotated statement. ``aliases`` are the other ways the articles
# refer to them (pronouns aside); ``roles`` are titles seen next to the name.
# fmt: off
SPEAKERS: dict[str, dict[str, Any]] = {
    "marrow": dict(
        name="Ilse Marrow", kind="person", pronoun="she", country="Norland",
        roles=["Norland's President", "President"],
        aliases=["Marrow", "President Marrow", "the Norlandic leader", "the Norlandic president"],
    ),
    "halvik": dict(
        name="Petr Halvik", kind="person", pronoun="he", country="Vastavia",
        roles=["Vastavia's President", "President"],
        aliases=["Halvik", "President Halvik", "the Vastavian president", "the Vastavian leader"],
    ),
    "okafor": dict(
        name="Tomas Okafor", kind="person", pronoun="he", country="Norland",
        roles=["Finance Minister"],
        aliases=["Okafor", "the finance minister"],
    ),
    "sorn": dict(
        name="Radek Sorn", kind="person", pronoun="he", country="Vastavia",
        roles=["Defence Minister"],
        aliases=["Sorn", "the defence minister", "the minister"],
    ),
    "vane": dict(
        name="Sigrid Vane", kind="person", pronoun="she", country="Norland",
        roles=["Foreign Minister"],
        aliases=["Vane", "the Norlandic foreign minister"],
    ),
    "kolev": dict(
        name="Dmitar Kolev", kind="person", pronoun="he", country="Vastavia",
        roles=["Foreign Minister"],
        aliases=["Kolev", "her Vastavian counterpart", "the Vastavian foreign minister"],
    ),
    "rask": dict(
        name="Edvin Rask", kind="person", pronoun="he", country="Norland",
        roles=["leader of the Workers' Alliance", "opposition leader"],
        aliases=["Rask", "the opposition leader"],
    ),
    "prell": dict(
        name="Jonas Prell", kind="person", pronoun="he", country="Norland",
        roles=["governor of the Bank of Norland"],
        aliases=["Prell", "the governor"],
    ),
    "arkwright": dict(
        name="Liv Arkwright", kind="person", pronoun="she", country="Norland",
        roles=["Chief Medical Officer"],
        aliases=["Arkwright", "the chief medical officer"],
    ),
    "quist": dict(
        name="Amara Quist", kind="person", pronoun="she", country="Norland",
        roles=["epidemiologist at Kessel University", "Dr."],
        aliases=["Dr. Amara Quist", "Quist", "the epidemiologist"],
    ),
    "caddon": dict(
        name="Mira Caddon", kind="person", pronoun="she", country="Norland",
        roles=["Environment Minister"],
        aliases=["Caddon", "the environment minister"],
    ),
    "orlan": dict(
        name="Felix Orlan", kind="person", pronoun="he", country="Norland",
        roles=["Professor"],
        aliases=["Orlan", "Professor Felix Orlan"],
    ),
    "aberg": dict(
        name="Anna Berg", kind="person", pronoun="she", country="Norland",
        roles=["Judge", "High Court judge"],
        aliases=["Berg", "Judge Anna Berg", "the judge"],
    ),
    "lberg": dict(
        name="Lars Berg", kind="person", pronoun="he", country="Norland",
        roles=["captain of Port Haldane FC"],
        aliases=["Berg", "the captain", "the midfielder"],
    ),
    "holm": dict(
        name="Grete Holm", kind="person", pronoun="she", country="Norland",
        roles=["head of the Dockworkers' Union"],
        aliases=["Holm", "the union leader"],
    ),
    "ekwall": dict(
        name="Ruth Ekwall", kind="person", pronoun="she", country="Norland",
        roles=["Police Commissioner"],
        aliases=["Ekwall", "the commissioner"],
    ),
    "darrel": dict(
        name="Ivo Darrel", kind="person", pronoun="he", country="Vastavia",
        roles=["coach"],
        aliases=["Darrel", "the Vastavian coach"],
    ),
    "ferrant": dict(
        name="Nils Ferrant", kind="person", pronoun="he", country="Norland",
        roles=["chief executive of Arvenholm Grain"],
        aliases=["Ferrant"],
    ),
    "oduya": dict(
        name="Rafael Oduya", kind="person", pronoun="he", country=None,
        roles=["special envoy"],
        aliases=["Oduya", "the envoy"],
    ),
    "ilves": dict(
        name="Marta Ilves", kind="person", pronoun="she", country="Vastavia",
        roles=["defence researcher"],
        aliases=["Ilves"],
    ),
    "stroud": dict(
        name="Anika Stroud", kind="person", pronoun="she", country="Vastavia",
        roles=["leader of the Vastavian Liberal Party"],
        aliases=["Stroud"],
    ),
    "koral": dict(
        name="Yana Koral", kind="person", pronoun="she", country="Vastavia",
        roles=["Finance Minister"],
        aliases=["Koral"],
    ),
    "mirek": dict(
        name="Jana Mirek", kind="person", pronoun="she", country="Vastavia",
        roles=["farmer"],
        aliases=["Mirek"], only_in="extra/feature.html",
    ),
    "mod": dict(
        name="Vastavian Ministry of Defence", kind="org", pronoun="it", country="Vastavia",
        roles=[],
        aliases=["the Ministry of Defence", "the ministry"],
    ),
    "hpa": dict(
        name="Harbour Port Authority", kind="org", pronoun="it", country="Norland",
        roles=[],
        aliases=["the Harbour Port Authority", "the port authority"],
    ),
    "nso": dict(
        name="Norland Statistics Office", kind="org", pronoun="it", country="Norland",
        roles=[],
        aliases=["the Norland Statistics Office", "the statistics office"],
    ),
}

# Same kind of figure, same speaker, different dates: the numbers a dashboard should chart.
SERIES: dict[str, dict[str, Any]] = {
    "contracts": dict(speaker="sorn", counts="signed contracts", type="count", unit=None),
    "deficit": dict(speaker="okafor", counts="current-account deficit", type="money", unit="USD"),
    "cases": dict(speaker="arkwright", counts="cases", type="count", unit=None),
    "unemployment": dict(speaker="nso", counts="unemployment rate", type="percent", unit="%"),
}

SAME_SURNAME_PAIRS = [["aberg", "lberg"]]

# --------------------------------------------------------------------------------------------
# The articles, in date order. ``art(outlet, date, category, title, body)``; paragraphs are
# separated by blank lines, and the lines of one paragraph are joined with spaces.
# ``quiet=True`` marks a purely descriptive article with no statements at all.
# --------------------------------------------------------------------------------------------

ARTICLES: list[dict] = []


def art(outlet: str, published: str, category: str, title: str, body: str,
        quiet: bool = False) -> None:
    ARTICLES.append(dict(outlet=outlet, published=published, category=category,
                         title=title, body=body, quiet=quiet))


# ---- 2025-01 ------------------------------------------------------------------------------

art("NL", "2025-01-08", "politics",
    "Marrow names Okafor finance minister in first reshuffle", """
ARVENHOLM (Northern Ledger) — Norland's President Ilse Marrow named Tomas Okafor, a former
head of the national audit office, as finance minister on Wednesday, the first change to her
cabinet since she took office in <<n|2023>>.

Okafor, <<f:age::52|52>>, replaces Henrik Lysander, who resigned last month for health
reasons. He takes over a ministry facing slowing growth, a weaker dalen and rising costs
linked to the tense border with neighbouring Vastavia.

"[[marrow:direct:said_after|Tomas knows every line of the state accounts, and he knows where
the money leaks out. That is exactly what this country needs in a difficult year]]," Marrow
told reporters at the presidential palace.

The Norlandic leader said [[marrow:indirect:title_phrase|she expected the new minister to
present a revised budget before the summer]].

Okafor, speaking briefly after the announcement, said that [[okafor:indirect|his first
priority would be a full review of public spending, to be published within
<<f:measure:day:90|90>> days]].

"[[okafor:direct:interrupted+pronoun|I will not promise miracles]]," he said.
"[[okafor:direct:interrupted|I
will promise honest numbers, and I will publish them even when they are bad.]]"

The opposition was unimpressed. Edvin Rask, leader of the Workers' Alliance, said
[[rask:mixed|the reshuffle was "a change of faces, not a change of course"]] and repeated his
party's call for an early election.

Lysander, who served as finance minister for <<f:measure:year:4|four>> years, is expected to
return to his seat in the National Chamber when it reconvenes next week.
""")

art("VDW", "2025-01-14", "conflict",
    "Halvik orders recruitment drive after Greyfell clash", """
OSTRAVEL, <<n|Jan 14>> (VDW) - Vastavia's President Petr Halvik on Tuesday ordered the armed
forces to expand recruitment of contract soldiers, two days after a clash in the disputed
Greyfell corridor left <<f:count::3|three>> Vastavian soldiers wounded.

The Ministry of Defence said in a statement that [[mod:indirect|the soldiers had been hit by
shrapnel when their patrol came under mortar fire near the border village of Skelde]]. It
said [[mod:indirect:pronoun|all three were in a stable condition]].

Speaking at a meeting of the security council, Halvik said: "[[halvik:direct:colon|Our soldiers
are being shot at on our own land. We will answer this not with words but with strength, and
strength begins with people.]]"

The Vastavian president instructed Defence Minister Radek Sorn to report on recruitment
figures every week. Sorn said that [[sorn:indirect|the ministry would open
<<f:count::40|40>> new recruitment centres by the end of February and raise the signing bonus
for new contract soldiers to <<f:money:EUR:1800|€1,800>>]].

Norland, which also claims the strip of farmland and forest along the Tessen river, has
denied firing first. Its foreign ministry accused Ostravel of "inventing incidents to justify
a build-up".

Military analysts in Ostravel believe that [[-:belief|the army needs at least
<<f:count::250000|250,000>> contract soldiers to hold the border without a return to
conscription]], which was abolished in <<n|2011>>.

The Greyfell corridor, roughly <<f:measure:km:~60|60>> kilometres long and in places less than
<<f:measure:km:10|10>> kilometres wide, has been disputed since the two countries separated in
<<n|1994>>.
""")

art("HT", "2025-01-20", "economy",
    "Port Haldane handled record cargo last year, port authority says", """
Port Haldane handled <<f:count::1.42e6|1.42 million>> containers last year, the most in its
history, the Harbour Port Authority said on Monday, as shipping lines diverted traffic away
from congested ports further south.

In its annual report, the port authority said that [[hpa:indirect|container volumes rose
<<f:percent:%:9|9%>> compared with <<n|2023>>, while grain shipments fell slightly after a poor
harvest]].

"[[hpa:direct:said_after|The numbers show that Port Haldane is no longer a regional port. It
is a gateway for the whole northern coast]]," the authority said in a statement.

It plans to spend <<f:money:NDL:4.6e9|4.6bn dalen>> on a new deep-water berth at
<<n|Quay 7>>, which would allow the largest container ships to call without waiting for high
tide. Construction is due to begin next year if environmental approvals are granted.

Grete Holm, head of the Dockworkers' Union, welcomed the results but said that [[holm:indirect|the
workers who had made them possible had not had a pay rise in <<f:measure:year:2|two>>
years]].

"[[holm:direct:said_after+pronoun|Record profits on the quay, frozen wages in the canteen. That
cannot last]]," she said.

The port, which employs about <<f:count::~6800|6,800>> people directly and supports thousands
more jobs in haulage and warehousing, is the largest employer in the region. The authority
said [[hpa:indirect|it would open pay talks with the union in the spring]].
""")

art("CBN", "2025-01-27", "environment",
    "Winter storm closes Route 9 and cuts power to coastal towns", """
A winter storm swept across Norland's northern coast on Monday, closing <<n|Route 9>> between
Brenmouth and Port Haldane and leaving about <<f:count::~18000|18,000>> homes without
electricity.

Snow began falling shortly after <<n|6am>>, and by midday drifts of up to
<<f:measure:cm:40|40>> centimetres had blocked the coastal road in several places. Gusts reached
<<f:measure:km/h:130|130>> kilometres per hour on exposed headlands near Brenmouth, the
strongest recorded in the region this winter.

Snowploughs from the national roads agency worked through the afternoon, but the stretch of
<<n|Route 9>> north of the Vessa bridge remained closed into the evening. Lorries bound for the
port queued for several kilometres on the approach to the town of Orrin.

Ferry services between Port Haldane and the Skerry islands were cancelled for the day. Schools
in Brenmouth and <<f:count::4|four>> surrounding municipalities closed at noon, and trains on
the northern line ran at reduced speed.

Electricity was restored to most households by late evening, although around
<<f:count::~2000|2,000>> customers in remote valleys were still waiting for repairs overnight.
Engineers in tracked vehicles reached several damaged substations only after the wind eased.

The storm was the second of the winter to hit the region. A similar system in December brought
down trees across the Vessa valley and closed Brenmouth airport for two days.

Forecasts for the rest of the week show colder and calmer weather, with clear skies over the
interior and the first sea ice of the year expected in the sheltered bays north of Brenmouth.
""", quiet=True)

art("MP", "2025-01-30", "science",
    "Arvenholm robots learn to sort fish by touch", """
ARVENHOLM — Researchers at the Arvenholm Institute of Technology have built a robotic gripper
that can tell <<f:count::12|12>> species of fish apart by touch alone, a step its designers
hope will cut waste on factory trawlers.

The gripper, described in a paper published on Thursday, uses soft silicone fingers lined with
pressure sensors. A small neural network compares the pattern of pressure with thousands of
earlier samples and decides, in a fraction of a second, which species it is holding.

"[[orlan:direct:inverted|A worker on a trawler can tell a cod from a haddock with their eyes
closed. We wanted to know whether a machine could do the same]]," said Professor Felix Orlan,
who leads the institute's robotics laboratory.

In tests the system identified the correct species in <<f:percent:%:94|94%>> of cases, and
it made most of its mistakes with juvenile fish, which are softer and harder to tell apart.

Orlan said [[orlan:indirect|the team was in talks with two fishing companies in Port Haldane
about trials at sea later this year]]. He cautioned, however, that [[orlan:indirect:pronoun|the
gripper was still too slow for commercial use, handling about one fish every
<<f:measure:s:~3|three>> seconds]].

"[[orlan:direct:said_after+pronoun|Speed is the next problem, and it is an engineering
problem, not a scientific one]]," he said.

The project received <<f:money:EUR:2.3e6|€2.3 million>> from the Meridian Research Fund, which
supports joint work between universities in the region.
""")

# ---- 2025-02 ------------------------------------------------------------------------------

art("NL", "2025-02-04", "economy",
    "Okafor warns of widening deficit as energy imports climb", """
ARVENHOLM (Northern Ledger) — Finance Minister Tomas Okafor warned on Tuesday that
[[okafor:indirect:warned|Norland's current-account deficit had widened to
<<s:deficit:2.1e9|$2.1bn>> last year]], driven by higher prices for imported gas and a fall in
timber exports.

Presenting his first review of the public finances to the budget committee of the National
Chamber, Okafor said that [[okafor:indirect|the gap was nearly double its level in
<<n|2022>>]].

"[[okafor:direct:said_after+pronoun|We are paying for other people's gas with money we have
borrowed. A country can do that for a year or two, but not for a decade]]," he said.

He said [[okafor:indirect:pronoun|the government would not raise income tax this year]] but
would review subsidies for household heating, which cost the state about
<<f:money:NDL:~900e6|900 million dalen>> a year.

Jonas Prell, governor of the Bank of Norland, said in a separate interview that
[[prell:indirect|the central bank was watching the dalen closely but saw no need for
emergency measures]]. The currency has lost about <<f:percent:%:~7|7%>> against the euro since
October.

"[[prell:direct:interrupted|The dalen is weaker, not weak]]," Prell said.
"[[prell:direct:interrupted|There
is a difference, and markets understand it.]]"

Economists at Haldane Bank believe that [[-:belief|the deficit will narrow only slowly, as new
gas contracts signed in the autumn take effect]]. Most expect the central bank to keep interest
rates on hold at its next meeting in March.
""")

art("VDW", "2025-02-11", "politics",
    "Kolev says Vastavia open to talks with Norland 'without conditions'", """
OSTRAVEL, <<n|Feb 11>> (VDW) - Vastavian Foreign Minister Dmitar Kolev said on Tuesday that
[[kolev:indirect|Ostravel was ready to hold talks with Norland on the Greyfell corridor without
preconditions]], the clearest sign yet that the government wants to ease tension on the
border.

Kolev made the remarks at a news conference with Rafael Oduya, the Meridian Council's special
envoy, who has spent the past week shuttling between the two capitals.

"[[kolev:direct:said_after+pronoun|We do not need to agree on everything before we sit at the
same table. We only need to agree that the table exists]]," he said.

Oduya said [[oduya:indirect|both governments had told him they wanted to avoid a repeat of
last month's incident]], in which three Vastavian soldiers were wounded by mortar fire.

"[[oduya:direct:said_after+title_phrase|I leave Ostravel more hopeful than when I
arrived]]," the envoy said.

The offer appeared to go further than President Petr Halvik, who last month described
[[halvik:mixed|Norland's position as "a provocation dressed up as diplomacy"]].

Asked whether the president supported the offer, Kolev said: "[[kolev:direct:colon|I do not
speak without the president's knowledge.]]"

In Arvenholm, a spokesman for the Norlandic foreign ministry said the government would study
the proposal carefully. Norland's Foreign Minister Sigrid Vane is due to visit Dunmere, where
the Meridian Council has its headquarters, later this month.
""")

art("HT", "2025-02-18", "crime",
    "Police seize 310 kg of cocaine hidden in banana cargo", """
Police seized <<f:measure:kg:310|310>> kilograms of cocaine hidden in a shipment of bananas at
Port Haldane on Monday night and arrested <<f:count::5|five>> people, including two port
employees, Norland's national police said on Tuesday.

Police Commissioner Ruth Ekwall said that [[ekwall:indirect|the drugs had a street value of
about <<f:money:NDL:~75e6|75 million dalen>> and were bound for buyers in Arvenholm and
Vastavia]].

"[[ekwall:direct:said_after+pronoun|This was not a lucky find. It was the result of eight months
of patient work with customs officers and with our colleagues across the border]]," she said
at a news conference in Port Haldane.

The container arrived on the cargo ship Morning Tern, which docked at <<n|Quay 4>> on Sunday
after a voyage from the south. Dogs found the first packages just before
<<n|11pm>>, hidden inside hollowed-out pallets.

According to Ekwall, [[ekwall:indirect:according_to|the two port employees had altered
computer records to keep the container away from the scanners]]. She declined to name the
suspects.

The Harbour Port Authority said [[hpa:indirect|it was cooperating fully with the investigation
and had suspended both employees]].

"[[ekwall:direct:said_after|Anyone who thinks our port is an easy door should think
again]]," Ekwall added.

The five suspects are due to appear before a court in Port Haldane on Thursday. The seizure is
the largest at the port since <<n|2019>>.
""")

art("CBN", "2025-02-24", "sport",
    "Berg double sends Port Haldane past Ostravel Dynamo", """
Lars Berg scored twice as Port Haldane FC beat Ostravel Dynamo <<n|3-1>> in the first leg of
their Meridian Cup last-16 tie on Sunday, putting the Norlandic side in command before the
return match in Ostravel.

The <<f:age::29|29>>-year-old captain opened the scoring in the <<n|12th>> minute with a low
shot from the edge of the area, then doubled the lead from the penalty spot just before half
time after Dynamo's goalkeeper brought down the winger Sami Korhal.

"[[lberg:direct:said_after|We knew they would come at us in the first twenty minutes, so the
plan was to stay calm and hit them on the break]]," Berg told Capital Broadcast News.

Dynamo, who have won the Vastavian league four times in the last five seasons, pulled a goal
back through Milan Oresko early in the second half and pressed hard for an equaliser. Korhal
settled the match in stoppage time with a shot that went in off the post.

"[[lberg:direct:said_after+pronoun|It is only half-time in the tie. In Ostravel it will be a
different game, with forty thousand people whistling at us]]," he added.

Ivo Darrel, Vastavia's national coach, watched from the stands. Darrel said afterwards that
[[darrel:indirect|he had been impressed by Port Haldane's discipline]] and that
[[darrel:indirect|Dynamo would be stronger at home]].

The second leg is in Ostravel on <<n|March 3>>. A crowd of <<f:count::14200|14,200>> watched
Sunday's match, a record for a cup tie at the Quayside Ground.
""")

art("MP", "2025-02-27", "conflict",
    "Meridian Council weighs ceasefire plan for Greyfell corridor", """
DUNMERE — The Meridian Council on Thursday began debating a draft resolution that would create
a <<f:measure:km:10|10>>-kilometre demilitarised zone along the disputed Greyfell corridor
between Norland and Vastavia, and send unarmed monitors to patrol it.

Rafael Oduya, the council's special envoy, told its <<f:count::15|15>> members that
[[oduya:indirect|the two armies were now separated in places by less than
<<f:measure:m:500|500>> metres]].

"[[oduya:direct:multi_paragraph|At that distance a nervous sentry can start an incident, and a
careless one can start a war. Both governments know this. Neither has yet done enough to
prevent it.

"The plan before you does not ask anyone to give up a claim. It asks both sides to step back so
that the people who live in the corridor can sleep at night.]]"

Norland's Foreign Minister Sigrid Vane said [[vane:indirect|her government supported the draft
in principle]] but wanted monitors on the ground before any troops were withdrawn.

Her Vastavian counterpart, Dmitar Kolev, said that [[kolev:indirect|Vastavia would not accept
monitors from countries that had sold weapons to Norland]], a condition that would rule out
several council members.

The draft, which has been circulated as <<n|Resolution 4417>>, is not expected to come to a
vote before April. Diplomats believe [[-:belief|it will need several rounds of amendment before
both governments can accept it]].
""")

# ---- 2025-03 ------------------------------------------------------------------------------

art("VDW", "2025-03-03", "conflict",
    "Vastavia has 270,000 army contracts, Sorn tells security council", """
OSTRAVEL, <<n|March 3>> (VDW) - Vastavia's drive to recruit contract soldiers is running ahead
of schedule, Defence Minister Radek Sorn said on Monday in his first weekly report to President
Petr Halvik since the campaign began.

"[[sorn:direct:interrupted|As of this morning we have <<s:contracts:270000|270,000>> signed
contracts]]," Sorn told a meeting of the security council broadcast on state television.
"[[sorn:direct:interrupted|That is more than we planned for the end of March, and the number is
still rising.]]"

The minister said [[sorn:indirect:title_phrase|most of the new recruits came from the
industrial east of the country, where unemployment is highest]].

Recruits receive a signing bonus of <<f:money:EUR:1800|€1,800>> and a monthly salary that the
ministry puts at roughly twice the national average wage. Advertisements for the campaign have
run on state television every evening since January.

Halvik thanked the minister for his report. The Vastavian president said
[[halvik:indirect:title_phrase|the response showed that Vastavians were ready to defend the
Greyfell corridor]].

Independent analysts have questioned the figures. Marta Ilves, a defence researcher at the
Ostravel Institute for Security Studies, said that [[ilves:indirect|counting signed contracts
said little about how many soldiers were actually trained and deployed]].

"[[ilves:direct:said_after+pronoun|A signature is not a soldier. It takes months to turn one
into the other]]," she said.
""")

art("MP", "2025-03-05", "conflict",
    "Vastavia says army contracts pass 300,000 as border talks stall", """
DUNMERE — Vastavia's Defence Minister Radek Sorn said on Wednesday that
[[sorn:indirect|the number of signed army contracts had passed
<<s:contracts:300000|300,000>>]], a jump of <<f:count::30000|30,000>> in two days that drew
scepticism from diplomats and analysts.

Speaking on Vastavian state television, Sorn said: "[[sorn:direct:colon|Three hundred thousand
men and women have put their names to a contract. That is the answer to everyone who said
Vastavians would not serve.]]"

The ministry did not explain the sudden rise. Asked about it, the minister said that
[[sorn:indirect:title_phrase|many contracts signed in regional offices had only now been
entered into the central register]].

In Dunmere, Meridian Council talks on the Greyfell corridor were adjourned without agreement
for the second time this week. Foreign Minister Dmitar Kolev said
[[kolev:indirect|Vastavia remained committed to the talks]], adding that
[[kolev:mixed|recruitment was "a domestic matter for Vastavia alone"]].

Norland's Foreign Minister Sigrid Vane said that [[vane:indirect|the figures, whether
accurate or not, showed that Ostravel was preparing for a long confrontation]].

"[[vane:direct:said_after+pronoun|You do not hire three hundred thousand soldiers to guard a
peace treaty]]," she said.

The talks are due to resume next week, when the council's legal advisers are expected to
present a revised version of the draft resolution.
""")

art("NL", "2025-03-12", "politics",
    "Marrow defends pension reform as unions plan protests", """
ARVENHOLM (Northern Ledger) — President Ilse Marrow on Wednesday defended plans to raise
Norland's retirement age from <<f:age::65|65>> to <<f:age::67|67>>, as trade unions announced a
day of protests for the weekend.

"[[marrow:direct:said_after+pronoun|Nobody likes working longer. But the alternative is to ask
our children to pay for pensions that we refused to fund]]," she said in a televised address.

Edvin Rask, leader of the opposition Workers' Alliance, said [[rask:mixed|the plan was "a
betrayal of workers"]] and accused [[rask:mixed|the government of balancing the budget "on the
backs of people who build, clean and carry"]].

Rask said that [[rask:indirect|his party would call for a referendum if the reform passed the
National Chamber]].

Under the proposal, the retirement age would rise by three months a year from <<n|2027>>. The
finance ministry estimates that the change would save about <<f:money:NDL:~1.1e9|1.1bn
dalen>> a year by <<n|2032>>.

Finance Minister Tomas Okafor said [[okafor:indirect|the savings were needed to keep the
deficit under control]]. He pointed out that [[okafor:indirect:pointed_out+pronoun|the number
of Norlandic pensioners had grown by a quarter in a decade]].

The Confederation of Norlandic Unions expects about <<f:count::~12000|12,000>> people to join a
march through Arvenholm on Saturday. A poll published by the Northern Ledger last week found
that nearly <<f:percent:%:~40|40%>> of voters support raising the retirement age.
""")

art("CBN", "2025-03-19", "economy",
    "Unemployment edges down to 5.8% as builders hire", """
Norland's unemployment rate edged down in February as construction firms hired ahead of the
spring building season, official data showed on Wednesday.

The Norland Statistics Office said that [[nso:indirect|the jobless rate fell to
<<s:unemployment:5.8|5.8%>> from <<f:percent:%:6.0|6.0%>> in January]], the first decline
since last summer.

"[[nso:direct:said_after|The improvement was concentrated in construction and hospitality,
while employment in manufacturing was broadly flat]]," the statistics office said in its
monthly report.

About <<f:count::~164000|164,000>> people were registered as unemployed at the end of the month.
Youth unemployment remained stubbornly high at <<f:percent:%:14.3|14.3%>>, and the jobless
rate in the northern regions around Brenmouth was almost twice the national average.

Finance Minister Tomas Okafor welcomed the figures but cautioned that [[okafor:indirect|one
month did not make a trend]].

"[[okafor:direct:said_after+pronoun|I am glad to see more people in work. I will be gladder
when I see it three months running]]," he said.

Economists at Haldane Bank believe [[-:belief|the rate could fall below
<<f:percent:%:5.5|5.5%>> by the summer if the border with Vastavia stays calm]]. The
statistics office publishes its next monthly report on <<n|April 16>>.
""")

art("HT", "2025-03-26", "environment",
    "Minister orders new study before port dredging goes ahead", """
Environment Minister Mira Caddon on Wednesday ordered a fresh environmental study of plans to
deepen the main shipping channel into Port Haldane, delaying a project that the port says is
vital to its future.

Caddon said that [[caddon:indirect|the original assessment, carried out in <<n|2021>>, had not
taken account of a colony of grey seals that now breeds on the sandbanks at the mouth of the
Vessa]].

"[[caddon:direct:interrupted+pronoun|I am not against the port. I am against doing things in
the wrong order]]," she said on a visit to the harbour. "[[caddon:direct:interrupted|We study
first, and then we dig.]]"

The Harbour Port Authority said [[hpa:indirect|the delay could cost up to
<<f:money:NDL:200e6|200 million dalen>>]] and warned that [[hpa:indirect:warned|larger
container ships would go to rival ports in the meantime]].

The dredging would remove about <<f:measure:m3:~3.5e6|3.5 million>> cubic metres of sand and
silt from the channel, allowing ships with a draught of up to <<f:measure:m:16|16>> metres to
reach the planned deep-water berth.

Fishermen in the harbour, who have complained for years that earlier dredging drove cod away
from the estuary, welcomed the decision. The seal colony, first recorded in <<n|2022>>, now
numbers more than <<f:count::~300|300>> animals.

The new study is due to be completed in the autumn.
""")

# ---- 2025-04 ------------------------------------------------------------------------------

art("VDW", "2025-04-08", "conflict",
    "Sorn: army contracts top 320,000, two new brigades to form", """
OSTRAVEL, <<n|April 8>> (VDW) - [[sorn:indirect:trailing|Vastavia will form two new
mechanised brigades before the end of the year after the number of signed army contracts
rose to over <<s:contracts:~320000|320,000>>]], Defence Minister Radek Sorn said on Tuesday.

"[[sorn:direct:said_after|The question is no longer whether people will come. The question is
how fast we can train them]]," Sorn told officers at a training ground outside Karsk.

He said [[sorn:indirect:pronoun|each new brigade would have about <<f:count::~4000|4,000>>
soldiers and would be based in the east of the country, away from the Greyfell
corridor]].

The Ministry of Defence said in a separate statement that [[mod:indirect|basic training for new
recruits would be extended from <<f:measure:week:6|six>> to <<f:measure:week:10|10>> weeks]],
after complaints from officers that some soldiers were arriving at their units unable to handle
their weapons safely.

Sorn has reported the number of contracts every week since the campaign began in January.
Opposition politicians have asked for the figures to be checked by the state audit office,
which has so far declined to get involved.

In Arvenholm, the Norlandic government made no immediate comment. Diplomats in Dunmere, where
the Meridian Council is due to vote on a ceasefire plan this month, believe [[-:belief|the
announcement will make agreement harder]].
""")

art("NL", "2025-04-10", "politics",
    "Vane and Kolev hold first talks in two years", """
DUNMERE (Northern Ledger) — Norland's Foreign Minister Sigrid Vane and her Vastavian
counterpart Dmitar Kolev met on Thursday for the first face-to-face talks between the two
governments in <<f:measure:year:2|two>> years, and agreed to meet again in June.

Vane said: "[[vane:direct:colon|It was a frank conversation. Nobody pretended that the problems
had disappeared, but nobody walked out either.]]"

Kolev, speaking separately to Vastavian reporters, said [[kolev:mixed|the meeting had been
"useful and businesslike"]].

The two ministers agreed to set up a telephone hotline between their defence ministries, to be
used in the event of incidents in the Greyfell corridor. The talks, hosted by the Meridian
Council, lasted about <<f:measure:hour:~4|four>> hours.

According to Vane, [[vane:indirect:according_to|the two sides also discussed the return of
<<f:count::27|27>> Norlandic fishermen detained by the Vastavian coastguard last
autumn]].

"[[vane:direct:said_after+pronoun|These are fathers and sons, not bargaining chips]]," she said.

The Norlandic foreign minister added that [[vane:indirect:title_phrase|she had invited Kolev to
Arvenholm for the next round]]. The Vastavian foreign minister said
[[kolev:indirect:title_phrase|he would consider the
invitation]].

The meeting came as the Meridian Council prepared to vote on a draft ceasefire resolution,
which both governments have so far declined to endorse in full.
""")

art("MP", "2025-04-16", "economy",
    "[[okafor:headline|Grain exports will double by next spring]]: Okafor", """
ARVENHOLM — [[okafor:indirect:trailing|Norland's grain exports will double by next spring as a
new storage terminal opens in Port Haldane]], Finance Minister Tomas Okafor said on
Wednesday.

Okafor said [[okafor:indirect|exports had reached <<f:measure:t:1.8e6|1.8 million>> tonnes in
the year to March]], most of it wheat and barley shipped to buyers in the south.

"[[okafor:direct:said_after+pronoun|Our farmers grow far more than this country can eat. The
problem has always been getting it onto ships, and that problem is now being solved]]," he
told a farming conference in Kessel.

The new terminal, built by Arvenholm Grain with a loan of <<f:money:EUR:120e6|€120m>> from the
Meridian Development Bank, will be able to store <<f:measure:t:400000|400,000>> tonnes and load
two ships at once.

Nils Ferrant, chief executive of Arvenholm Grain, was more cautious.
"[[ferrant:direct:inverted|Doubling
is possible, but only if the weather and the railways both cooperate]]," said Ferrant, whose
company handles about a third of the country's grain exports.

Ferrant pointed out that [[ferrant:indirect:pointed_out|the railway line to Port Haldane was
single-track for much of its length]] and that [[ferrant:indirect|freight trains were often
held for hours to let passenger services pass]].

Last year's harvest was poor after a wet summer, which economists say flatters the comparison.
""")

art("CBN", "2025-04-23", "crime",
    "Smuggling trial opens as judge warns jurors to stay offline", """
The trial of <<f:count::5|five>> people accused of smuggling cocaine through Port Haldane
opened at the High Court in Arvenholm on Wednesday, with Judge Anna Berg warning jurors not
to read about the case online.

"[[aberg:direct:interrupted|You will decide this case on the evidence you hear in this room and
nothing else]]," Berg told the jury. "[[aberg:direct:interrupted|Not on what you read on your
phone at lunchtime.]]"

Prosecutors say the defendants, including two former port employees, smuggled at least
<<f:measure:kg:310|310>> kilograms of cocaine hidden in banana shipments between
<<n|2023>> and February this year. All five deny the charges.

Opening the case for the prosecution, Kai Lindahl told the court that the ring had used
forged records to steer containers away from customs scanners. He said the jury would hear
evidence from an accountant who had kept a record of every payment.

Judge Berg, who has sat on the High Court since <<n|2018>>, said [[aberg:indirect|the trial was
expected to last about <<f:measure:week:~6|six>> weeks]]. She reminded the jury that
[[aberg:indirect:pronoun|the defendants were presumed innocent until proven guilty]].

The case has drawn heavy public interest in Port Haldane, where several of the accused are
well known. Police kept a small crowd outside the court building behind barriers for most of
the morning.
""")

art("HT", "2025-04-29", "sport",
    "Kessel Rovers edge Arvenholm United on penalties to reach cup final", """
Kessel Rovers reached the Norland Cup final for the first time since <<n|2011>> on Tuesday
night, beating Arvenholm United <<n|5-4>> on penalties after a <<n|1-1>> draw at the
Lindvall Stadium.

United took the lead after <<f:measure:minute:8|eight>> minutes when their striker Jon Avery
headed in a corner at the near post. Rovers, roared on by about <<f:count::~3000|3,000>>
travelling supporters, levelled before half time through a deflected shot from the midfielder
Cal Nolan.

The second half was tight and often scrappy. United hit the bar twice in the final ten
minutes, and Rovers' goalkeeper Emil Varre made a fine save from a free kick deep into
stoppage time. Extra time produced few chances, as both sides tired on a heavy pitch.

In the shootout the first eight penalties were all scored. Varre then dived to his right to
keep out United's fifth kick, and Rovers' captain, Otto Brandel, sent the goalkeeper the wrong
way to win the tie.

Rovers will face Port Haldane FC in the final at the National Stadium in Arvenholm on
<<n|May 24>>. The two sides met in the league earlier this month, when Port Haldane won
<<n|2-0>>.

The attendance of <<f:count::21450|21,450>> was the largest for a semi-final at the Lindvall
Stadium in more than a decade.
""", quiet=True)

# ---- 2025-05 ------------------------------------------------------------------------------

art("NL", "2025-05-06", "economy",
    "Deficit widens to $2.4bn as gas bills bite, Okafor says", """
ARVENHOLM (Northern Ledger) — Norland's current-account deficit has widened again, Finance
Minister Tomas Okafor said on Tuesday, blaming the cost of imported gas during an unusually
cold spring.

Okafor said: "[[okafor:direct:colon|The current-account deficit now stands at
<<s:deficit:2.4e9|$2.4bn>> over the past twelve months. I said in February that it would get
worse before it got better, and it has.]]"

The finance minister said [[okafor:indirect:title_phrase|a new long-term gas contract with a
supplier in the south would cut import costs by about <<f:percent:%:~15|15%>> from
October]].

On the same day, the Bank of Norland left its main interest rate unchanged at
<<f:percent:%:4.25|4.25%>>. Governor Jonas Prell said that [[prell:indirect|inflation, at
<<f:percent:%:5.1|5.1%>> in April, was still too high for the bank to consider cutting
rates]].

"[[prell:direct:said_after+pronoun|We would rather be criticised for being patient than for
being wrong]]," he said.

The opposition leader, Edvin Rask, said the figures showed that [[rask:mixed|the government had
"no plan except waiting for the weather to get warmer"]].

The dalen was little changed against the euro after the announcements. Economists expect the
deficit to start narrowing in the final quarter of the year, once the new gas contract takes
effect and the grain terminal in Port Haldane is running.
""")

art("VDW", "2025-05-13", "politics",
    "[[halvik:headline|We will not give up an inch of Greyfell]]: Halvik", """
OSTRAVEL, <<n|May 13>> (VDW) - President Petr Halvik vowed on Tuesday that Vastavia would
never give up its claim to the Greyfell corridor, in a speech marking the
<<n|31st>> anniversary of the country's independence.

Halvik, addressing a crowd of several thousand people in Liberty Square, said
[[halvik:mixed|the corridor had been Vastavian "for as long as there have been maps"]].

"[[halvik:direct:carried|We will not give up an inch of Greyfell. Not to pressure, not to
threats, and not to clever lawyers in Dunmere.]]"

The Vastavian leader also said that [[halvik:indirect:title_phrase|he supported the talks led
by Foreign Minister Dmitar Kolev]], a sign that the government wants to keep diplomatic
channels open even as it builds up its army.

"[[halvik:direct:interrupted+pronoun|Talking is not weakness]]," he said.
"[[halvik:direct:interrupted|Giving
away land is.]]"

The parade that followed included, for the first time, units made up of newly recruited
contract soldiers. State television said more than <<f:count::~5000|5,000>> troops took
part.

In Arvenholm, Norland's President Ilse Marrow told reporters that [[marrow:indirect|speeches
were not the same as policy]] and that [[marrow:indirect|she would judge Ostravel by what it
did at the negotiating table]].
""")

art("CBN", "2025-05-20", "environment",
    "Norland to cut emissions by 40% by 2035 under new climate plan", """
Norland will cut its greenhouse gas emissions by <<f:percent:%:40|40%>> from
<<n|2005>> levels by <<n|2035>> under a climate plan unveiled by the government on
Tuesday, a more ambitious target than the one it missed last decade.

Environment Minister Mira Caddon said that [[caddon:indirect|the plan would be paid for partly
by a new levy on heavy fuel oil burned by ships calling at Norlandic ports]].

"[[caddon:direct:said_after+pronoun|For years we have set targets and missed them. This time
every target has a budget line and a minister whose name is on it]]," she said.

The centrepiece of the plan is an offshore wind farm off the Skerry islands with a capacity of
<<f:measure:MW:1200|1,200>> megawatts, enough to supply about a third of Norland's homes. The
government also wants half of all new cars sold to be electric by <<n|2030>>.

The Harbour Port Authority said [[hpa:indirect|the levy could add about
<<f:money:EUR:~9000|€9,000>> to the cost of a typical container ship's visit]] and asked for
it to be phased in over three years.

The environment minister said [[caddon:indirect:title_phrase|she was open to discussing the
timetable but not the principle]].

Environmental groups welcomed the target, although several said it had come late. The plan
must still be approved by the National Chamber, where the government has a majority of
<<f:count::9|nine>> seats.
""")

art("MP", "2025-05-27", "science",
    "Vastavia launches its first Earth observation satellite", """
OSTRAVEL — Vastavia's first Earth observation satellite, <<n|Vasta-1>>, reached orbit on
Tuesday after lifting off on a rented rocket from a spaceport on the southern coast of the
Meridian region.

The launch took place at <<n|04:12>> local time, and the satellite separated from the upper
stage of the rocket about <<f:measure:minute:~55|55>> minutes later. Ground stations near
Ostravel picked up its first signals shortly before dawn.

<<n|Vasta-1>> weighs <<f:measure:kg:340|340>> kilograms and will circle the Earth at an
altitude of about <<f:measure:km:~550|550>> kilometres, passing over Vastavia several times
a day. Its main camera can distinguish objects as small as <<f:measure:m:3|three>> metres
across.

The satellite was built by a consortium of Vastavian universities and engineering companies
at a cost of <<f:money:EUR:38e6|€38 million>>, most of it from the national research budget.
Its planned mission lasts five years.

Images from the satellite are to be used to monitor crops, forests and the spread of
wildfires in the dry east of the country, and to map flooding along the rivers that drain into
the Vessa basin.

Vastavia becomes the second country in the region, after Norland, to operate its own
observation satellite. A second spacecraft, <<n|Vasta-2>>, is scheduled for launch in
<<n|2027>>.
""", quiet=True)

art("HT", "2025-05-30", "crime",
    "Port smuggling ring jailed for a combined 41 years", """
A judge in Arvenholm on Friday jailed <<f:count::4|four>> members of a gang that smuggled
cocaine through Port Haldane, handing the ringleader, a former crane operator,
<<f:measure:year:14|14>> years in prison.

Judge Anna Berg said [[aberg:indirect|the ringleader, Viktor Saarne, <<f:age::47|47>>, had
abused the trust of colleagues who had worked alongside him for two decades]].

"[[aberg:direct:said_after+pronoun|You used your knowledge of the port, and the trust of the
people you worked with, to bring poison into this country]]," she told Saarne, who showed no
emotion as the sentence was read.

Three other men received sentences of between nine and ten years. The fifth defendant, a
<<f:age::23|23>>-year-old clerk, was acquitted. Berg said that [[aberg:indirect|the prosecution
had not proved that the clerk knew what the containers held]].

The jury took <<f:measure:day:3|three>> days to reach its verdicts after a trial lasting just
over five weeks.

Police Commissioner Ruth Ekwall said outside the court that [[ekwall:indirect|the case had led
to changes in the way containers were selected for scanning at the port]].

"[[ekwall:direct:said_after+pronoun|Today's sentences send a message. The changes we have made
at the port send a stronger one]]," she said.

Lawyers for Saarne said they would consider an appeal.
""")

# ---- 2025-06 ------------------------------------------------------------------------------

art("VDW", "2025-06-03", "conflict",
    "Three soldiers killed by mine in Greyfell corridor", """
OSTRAVEL, <<n|June 3>> (VDW) - [[mod:indirect:trailing|<<f:count::3|Three>> Vastavian soldiers
were killed on Monday when their armoured vehicle struck a mine near the village of Skelde in
the Greyfell corridor]], the Ministry of Defence said, in the deadliest incident in the
disputed area for more than a year.

The ministry said [[mod:indirect|it was not yet clear whether the mine had been laid recently
or was left over from the fighting of the <<n|1990s>>]]. A fourth soldier was seriously
injured.

Defence Minister Radek Sorn, who visited the injured man in hospital in Karsk, said:
"[[sorn:direct:colon|Our soldiers died doing their duty. Their comrades will continue
it.]]"

Sorn told reporters later that [[sorn:indirect|the army now had
<<s:contracts:345000|345,000>> signed contracts]] and that [[sorn:indirect|a specialist
demining unit would be formed from among the new recruits]].

In Arvenholm, Norland's Foreign Minister Sigrid Vane offered condolences to the soldiers'
families. Vane denied that [[vane:indirect:denied|Norlandic forces had laid any new mines in the
corridor]] and said [[vane:indirect|the incident showed why the ceasefire plan before the
Meridian Council was urgent]].

Rafael Oduya, the council's special envoy, urged both sides to show restraint.
"[[oduya:direct:inverted|The
mines do not care which flag a soldier wears]]," said Oduya.

Demining experts estimate that thousands of mines and unexploded shells remain in the
corridor, most of them in forests that have not been surveyed since the war.
""")

art("NL", "2025-06-10", "politics",
    "Marrow survives confidence vote over pension reform", """
ARVENHOLM (Northern Ledger) — President Ilse Marrow's government survived a vote of no
confidence in the National Chamber on Tuesday by <<f:count::88|88>> votes to
<<f:count::71|71>>, clearing the way for its contested pension reform to become law.

The motion was tabled by the opposition Workers' Alliance after weeks of protests against plans
to raise the retirement age to <<f:age::67|67>>. Two members of the governing Civic Union
abstained.

"[[marrow:direct:said_after|The Chamber has spoken, and now the work continues]]," Marrow said
after the result was announced.

Edvin Rask, the opposition leader, said that [[rask:indirect|the result would not end the
fight against the reform]].

"[[rask:direct:said_after+pronoun|They won a vote today. They have not won the argument]]," he
said. "[[rask:direct:interrupted|We will take this argument to every town in Norland.]]"

Later, the Norlandic president told reporters that [[marrow:indirect:title_phrase|she was
willing to discuss exemptions for people in physically demanding jobs]], such as dockworkers and
nurses, a concession the unions have sought for months.

The reform is due to be signed into law next week. The Workers' Alliance has said it will begin
collecting signatures for a referendum, which under the constitution requires the support of
<<f:count::100000|100,000>> voters.
""")

art("CBN", "2025-06-17", "economy",
    "Jobless rate falls to 5.5%, lowest in three years", """
Norland's unemployment rate fell again in May, helped by seasonal hiring in tourism and a
recovery in construction, according to official figures released on Tuesday.

"[[nso:direct:said_after|The unemployment rate fell to <<s:unemployment:5.5|5.5%>> in May, its
lowest level since <<n|2022>>]]," the Norland Statistics Office said in a statement.

The statistics office said that [[nso:indirect|the number of people in work had risen by about
<<f:count::~21000|21,000>> over the month]], with the biggest gains in hotels and restaurants
on the coast.

Finance Minister Tomas Okafor said [[okafor:indirect|the figures showed the economy was more
resilient than many had feared]]. "[[okafor:direct:inverted|Every percentage point matters to a
family]]," said Okafor.

The opposition was less impressed. Edvin Rask, leader of the Workers' Alliance, said that
[[rask:mixed|many of the new jobs were "short-term, low-paid and seasonal"]] and would disappear
when the summer ended.

Average wages rose by <<f:percent:%:4.2|4.2%>> from a year earlier, still below the rate of
inflation, which means that most households are continuing to lose purchasing power.

The Bank of Norland is due to announce its next decision on interest rates in August. Most
economists expect it to keep rates on hold while inflation remains above
<<f:percent:%:5|5%>>.
""")

art("HT", "2025-06-24", "economy",
    "Dockworkers walk out at Port Haldane over pay", """
About <<f:count::~3000|3,000>> dockworkers at Port Haldane went on strike on Tuesday after pay
talks with the Harbour Port Authority broke down, leaving more than <<f:count::40|40>> ships
waiting at anchor outside the harbour.

Grete Holm, head of the Dockworkers' Union, said: "[[holm:direct:colon|We asked for
<<f:percent:%:8|8%>>. They offered <<f:percent:%:2.5|2.5%>> and a thank-you letter. We will stay
out until there is a serious offer on the table.]]"

The port authority said [[hpa:indirect|its offer was the best it could afford while it was
paying for the new deep-water berth]] and warned that [[hpa:indirect:warned|the strike was
costing the economy about <<f:money:NDL:~60e6|60 million dalen>> a day]].

Picket lines formed at the main gates before dawn, and by mid-morning the cranes on the
container quays had stopped. Ferries to the Skerry islands continued to run.

Finance Minister Tomas Okafor urged both sides to return to the negotiating table. The union leader
said
[[holm:indirect:title_phrase|the union was ready to talk at any time]], but added that
[[holm:indirect|its members would not accept a cut in real wages]].

"[[holm:direct:said_after+pronoun|Prices in the shops went up by five per cent. Our members are
not asking to get rich, only not to get poorer]]," she said.

It is the first strike at the port since <<n|2016>>, when a walkout over shift patterns lasted
<<f:measure:day:11|11>> days.
""")

art("MP", "2025-06-27", "sport",
    "Berg denies he is leaving Port Haldane for Vastavian champions", """
PORT HALDANE — Lars Berg, the captain of Port Haldane FC, on Friday denied that
[[lberg:indirect:denied|he had agreed to join Ostravel Dynamo]], after Vastavian media reported
that the club had offered <<f:money:EUR:4e6|€4m>> for the midfielder.

"[[lberg:direct:interrupted+pronoun|I have a contract until <<n|2027>> and I intend to respect
it]]," Berg told reporters at the club's training ground. "[[lberg:direct:interrupted|Nobody from
Ostravel has spoken to me, and if they had, the answer would have been the same.]]"

Reports in Ostravel on Thursday said Dynamo had made an offer after Berg scored twice against
them in the Meridian Cup in February, a tie Port Haldane went on to win over two legs. Dynamo
declined to comment.

Berg, <<f:age::29|29>>, scored <<f:count::17|17>> goals last season, his best tally since he
joined the club from Kessel Rovers as a teenager.

According to Ivo Darrel, Vastavia's national coach and a former Dynamo player,
[[darrel:indirect:according_to|any club in Vastavia would be lucky to sign Berg]].

"[[darrel:direct:said_after+pronoun|He is the kind of player who makes the people around him
better. But I understand why he wants to stay at home]]," Darrel said.

Port Haldane begin pre-season training next week. Their first league match is against Kessel
Rovers in September.
""")

# ---- 2025-07 ------------------------------------------------------------------------------

art("HT", "2025-07-02", "economy",
    "Port strike ends with 5% pay deal", """
Dockworkers at Port Haldane returned to work on Wednesday after <<f:measure:day:8|eight>>
days on strike, having accepted a pay rise of <<f:percent:%:5|5%>> this year and
<<f:percent:%:3|3%>> next year.

Grete Holm, head of the Dockworkers' Union, said [[holm:mixed|the deal was "not everything we
wanted, but more than they said was possible"]].

"[[holm:direct:inverted|Eight days is a long time to go without pay. Our members showed what they
are worth]]," said Holm, speaking to workers at the main gate as the first shift went in.

The Harbour Port Authority said that [[hpa:indirect|the backlog of ships waiting at anchor
would be cleared within a week]]. At the height of the strike more than
<<f:count::~50|50>> vessels were waiting outside the harbour.

The port authority also said that [[hpa:indirect|the Meridian Development Bank had approved a
loan of <<f:money:EUR:450e6|€450m>> for the new deep-water berth]], ending months of uncertainty
about how the project would be paid for.

Hauliers, who had parked hundreds of lorries in lay-bys along <<n|Route 9>> during the dispute,
welcomed the end of the strike. Supermarkets in the north had reported shortages of some fresh
fruit and vegetables.

The agreement runs for two years. Both sides agreed to set up a joint committee on safety and
shift patterns, which will report by the end of the year.
""")

art("NL", "2025-07-14", "health",
    "Vessa fever cases reach 1,200 as outbreak spreads along river valley", """
ARVENHOLM (Northern Ledger) — The number of confirmed cases of Vessa fever has risen sharply
over the past fortnight, Norland's Chief Medical Officer Liv Arkwright said on Monday, and
health officials expect it to keep rising through the summer.

Arkwright said: "[[arkwright:direct:colon|We have now confirmed <<s:cases:1200|1,200>> cases
of Vessa fever, most of them in the Vessa valley. The great majority of patients have mild
symptoms and recover at home.]]"

She said that [[arkwright:indirect:pronoun|<<f:count::38|38>> people had been admitted to
hospital and one elderly man had died]].

Vessa fever is caused by a mosquito-borne virus first identified in the river delta in
<<n|2014>>. Most patients suffer a high temperature, headaches and joint pain for about a week.
The strain circulating this year has been labelled <<n|VF-25>> by the national laboratory.

Dr. Amara Quist, an epidemiologist at Kessel University, said that [[quist:indirect|a wet
spring had created ideal breeding conditions for mosquitoes]].

"[[quist:direct:said_after+pronoun|This is what happens when a warm June follows a flooded May.
I expect the numbers to keep rising for several more weeks]]," she said.

The health ministry has advised people in the valley to use insect repellent, to sleep under
nets and to empty containers of standing water around their homes. Blood donations from the
affected districts have been suspended as a precaution.
""")

art("MP", "2025-07-21", "environment",
    "Wildfires burn through forests in eastern Vastavia", """
KARSK — Wildfires burned through more than <<f:measure:ha:~9000|9,000>> hectares of pine forest
in eastern Vastavia over the weekend, forcing the evacuation of <<f:count::6|six>> villages
as temperatures climbed to <<f:measure:°C:38|38>> degrees.

The largest fire broke out on Saturday afternoon in the hills north of Karsk and spread quickly
in dry, gusty conditions. By Sunday evening its front stretched for about
<<f:measure:km:~15|15>> kilometres, and smoke could be seen from the centre of the city.

About <<f:count::~1500|1,500>> residents spent the night in schools and sports halls in Karsk.
Firefighters, supported by soldiers and by <<f:count::4|four>> water-bombing aircraft, worked
through the night to protect the villages of Drava and Lesk.

Several houses and barns were destroyed, along with a sawmill on the edge of Lesk. No deaths
have been reported, and fewer than a dozen people needed hospital treatment, most of them for
smoke inhalation.

The region has had almost no rain since May. River levels in the east are at their lowest for
the time of year in two decades, and farmers have begun slaughtering livestock early because of
a shortage of hay.

Two aircraft from Norland joined the firefighting effort on Sunday morning, the first joint
operation of its kind between the two countries. Cooler weather and light rain are forecast for
the middle of the week.
""", quiet=True)

art("VDW", "2025-07-28", "conflict",
    "[[kolev:headline|Greyfell ceasefire deal possible within weeks]], Kolev says", """
DUNMERE, <<n|July 28>> (VDW) - Foreign Minister Dmitar Kolev said on Monday that
[[kolev:indirect|a ceasefire agreement for the Greyfell corridor could be signed within
weeks]], after <<f:count::3|three>> days of talks with Norland at the headquarters of the
Meridian Council.

"[[kolev:direct:said_after+pronoun|For the first time, we are arguing about commas rather than
about principles. That is how you know an agreement is close]]," he told reporters.

"[[oduya:direct:inverted|Both delegations have worked harder this week than in the previous six
months]]," said Rafael Oduya, the council's special envoy, who chaired the talks.

The draft, revised since it was first presented in February, would create a demilitarised zone
along the corridor and allow unarmed monitors from countries chosen by both sides. Kolev said
[[kolev:indirect|President Petr Halvik had approved the latest text]].

Norland's Foreign Minister Sigrid Vane was more cautious. Vane pointed out that
[[vane:indirect:pointed_out|previous agreements had collapsed within days]] and said
[[vane:indirect|Norland would sign only when both armies had agreed on the exact lines of
withdrawal]].

"[[vane:direct:said_after+pronoun|I have learned not to celebrate before the ink is dry]]," she
said.

The Meridian Council is expected to put the final text to a vote in September.
""")

# ---- 2025-08 ------------------------------------------------------------------------------

art("CBN", "2025-08-04", "health",
    "Vessa fever cases nearly triple in three weeks", """
Confirmed cases of Vessa fever in Norland have almost tripled in three weeks, and the virus is
now spreading beyond the river valley where the outbreak began.

Chief Medical Officer Liv Arkwright said on Monday that [[arkwright:indirect|the number of
confirmed cases had risen to <<s:cases:3450|3,450>>]]. In mid-July the total stood at 1,200.

"[[arkwright:direct:interrupted+pronoun|We are now seeing cases outside the Vessa valley, in
Kessel and in the suburbs of Arvenholm]]," she said. "[[arkwright:direct:interrupted|That tells
us either the mosquito has travelled, or people have.]]"

A total of <<f:count::112|112>> patients have been treated in hospital since the start of the
outbreak, and <<f:count::4|four>> people have died, all of them over the age of
<<f:age::70|70>>.

President Ilse Marrow, who visited a hospital in Kessel on Sunday, said that
[[marrow:indirect|the government would release <<f:money:NDL:250e6|250 million dalen>> in
emergency funding for hospitals and mosquito control in the affected regions]].

Spraying teams began work in the Vessa valley last week, and the health ministry has opened
<<f:count::20|20>> temporary clinics where people with symptoms can be tested without an
appointment.

Arkwright urged people to avoid being outdoors at dusk, when mosquitoes are most active, and
said [[arkwright:indirect|anyone with a high fever and joint pain should call a doctor rather
than go straight to an emergency department]].
""")

art("HT", "2025-08-07", "health",
    "Why Vessa fever spread so fast, and what comes next", """
The outbreak of Vessa fever that has swept through Norland this summer is the largest since the
virus was identified, and scientists say it is unlikely to be the last.

According to Dr. Amara Quist, an epidemiologist at Kessel University,
[[quist:indirect:according_to|the species of mosquito that carries the virus has been moving
steadily north for at least a decade]].

"[[quist:direct:multi_paragraph|The mosquito that carries this virus used to stop at the Vessa
delta. Over the past ten years it has moved north by about <<f:measure:km:~40|forty>>
kilometres, following warmer summers.

"What we are seeing this year is not bad luck. It is the new normal arriving earlier than we
expected.]]"

Quist said that [[quist:indirect|a vaccine candidate developed at Kessel University could enter
human trials in September]], although it would not be ready for this season.

The epidemiologist warned that [[quist:indirect:warned+title_phrase|cases would keep rising
until the first frosts]], which in the valley usually arrive in October.

Most people infected with the virus recover within a week. But the disease can be dangerous for
older people and for those with heart or kidney problems, who account for most of the
hospital admissions this summer.

For now, the main defence remains the simplest one: repellent, nets and emptying the buckets,
plant pots and old tyres in which mosquitoes lay their eggs.
""")

art("NL", "2025-08-12", "economy",
    "Bank of Norland raises rates to 4.5% as inflation climbs", """
ARVENHOLM (Northern Ledger) — The Bank of Norland raised its main interest rate to
<<f:percent:%:4.5|4.5%>> on Tuesday, its first increase in more than a year, after inflation
climbed to its highest level since the winter.

"[[prell:direct:inverted|Inflation is a tax that nobody voted for]]," said Jonas Prell, governor
of the Bank of Norland, at a news conference after the decision.

Prell said [[prell:indirect|prices had risen by <<f:percent:%:6.1|6.1%>> in the year to July,
driven by food costs and a weaker dalen]]. He pointed out that
[[prell:indirect:pointed_out+pronoun|the bank's own forecasts had assumed inflation would be
falling by now]].

The decision was taken by a vote of <<f:count::5|five>> to <<f:count::2|two>> on the bank's
rate-setting committee, with the two dissenting members preferring to wait until September.

Finance Minister Tomas Okafor said that [[okafor:indirect|he respected the independence of the
central bank]], but added that [[okafor:indirect|higher borrowing costs would make it harder to
reduce the deficit]].

The rise will add about <<f:money:NDL:~140|140 dalen>> a month to the repayments on a typical
variable-rate mortgage, according to estimates by Haldane Bank.

The governor said [[prell:indirect:title_phrase|the bank was ready to raise rates again if
necessary]]. The dalen rose by almost one per cent against the euro after the announcement.
""")

art("VDW", "2025-08-19", "politics",
    "Halvik and Marrow speak by phone for the first time", """
OSTRAVEL, <<n|Aug 19>> (VDW) - President Petr Halvik and Norland's President Ilse Marrow spoke
by telephone on Monday evening, the first direct contact between the two leaders since either
took office.

The call, which lasted about <<f:measure:minute:~50|50>> minutes, was arranged by the Meridian
Council's envoy, Rafael Oduya, after weeks of talks between the two countries' foreign
ministers on a ceasefire in the Greyfell corridor.

Halvik told reporters on Tuesday: "[[halvik:direct:colon|It was a long call, and not an easy
one. But I think we understand each other better than we did in the morning.]]"

The Vastavian leader said [[halvik:indirect:title_phrase|the two presidents had agreed in
principle to meet in person once a ceasefire had been signed]]. He did not say where such a
meeting might take place.

In Arvenholm, Marrow said [[marrow:mixed|the call had been "constructive"]] and that she had
thanked Halvik for allowing Norlandic firefighting aircraft to help tackle the wildfires in
eastern Vastavia last month.

"[[marrow:direct:said_after+pronoun|When a forest burns, it does not check passports]]," she
said.

Both governments described the call as a step forward. Analysts in both capitals believe
[[-:belief|the personal contact between the two presidents will make it easier for negotiators
to close the remaining gaps]].
""")

art("MP", "2025-08-25", "health",
    "Norland's Vessa fever outbreak passes 5,000 cases", """
ARVENHOLM — "[[arkwright:direct:said_after|The total is now <<s:cases:5100|5,100>> confirmed
cases. The rate of increase is slowing, but I would not call it good news yet]]," Norland's
Chief Medical Officer Liv Arkwright said on Monday.

Arkwright told a briefing in Arvenholm that [[arkwright:indirect|<<f:count::11|11>> people had
now died of the disease]] and that [[arkwright:indirect|about <<f:count::~60|60>> were being
treated in hospital]].

The Meridian Health Agency has sent a team of <<f:count::8|eight>> specialists to help
Norland's national laboratory with testing and with tracking the spread of the virus.

Dr. Amara Quist, an epidemiologist at Kessel University, said [[quist:indirect|the slowdown was
consistent with cooler nights at the end of the summer]], which reduce mosquito activity.

"[[quist:direct:said_after+pronoun|The weather is doing more for us now than any spray. But the
weather can change]]," she said.

Vastavia has reported <<f:count::~200|about 200>> cases in the villages along its side of the
river, most of them mild. The two countries' health ministries have begun sharing data on new
infections every week, a rare example of cooperation between neighbours that remain at odds
over their border.

Schools in the Vessa valley are due to reopen after the summer holidays next week, with
advice to pupils to wear long sleeves on the way to and from school.
""")

# ---- 2025-09 ------------------------------------------------------------------------------

art("NL", "2025-09-02", "economy",
    "Okafor presents budget as deficit hits record", """
ARVENHOLM (Northern Ledger) — "[[okafor:direct:said_after|The current-account deficit reached
<<s:deficit:2.9e9|$2.9bn>> over the past twelve months. That is a record, and I will not
pretend otherwise]]," Finance Minister Tomas Okafor told the National Chamber as he presented the
government's budget for <<n|2026>> on Tuesday.

Okafor said [[okafor:indirect|the budget would reduce borrowing by
cutting subsidies for household heating and delaying some road projects]], while protecting
spending on hospitals.

Total spending is set at <<f:money:NDL:212e9|212bn dalen>>. Defence spending will rise by
<<f:percent:%:11|11%>>, reflecting the cost of maintaining troops along the Greyfell corridor,
and the health budget will grow by <<f:percent:%:6|6%>> after the Vessa fever outbreak.

"[[okafor:direct:carried|Nobody in this Chamber will like every line of this budget. I do not
like every line of it myself. But it is honest, and it adds up.]]"

The opposition leader, Edvin Rask, said [[rask:mixed|the budget was "a document written by
accountants, for accountants"]]. Rask pointed out that [[rask:indirect:pointed_out|spending on
pensions would fall in real terms for the second year running]].

The Chamber will debate the budget over the next two months, with a final vote expected in
early December. The government's majority means it is likely to pass, although several of its
own members have objected to the cuts in heating subsidies.
""")

art("CBN", "2025-09-09", "science",
    "Kessel University begins human trials of Vessa fever vaccine", """
Scientists at Kessel University on Tuesday gave the first doses of an experimental vaccine
against Vessa fever to volunteers, weeks after the largest outbreak of the disease on record.

The trial will enrol <<f:count::240|240>> healthy adults, half of whom will receive the
vaccine and half a placebo. Results on safety and immune response are expected next spring.

"[[quist:direct:inverted|We hope that this is the last summer in which the only protection we
can offer people is a bottle of repellent]]," said Dr. Amara Quist, the epidemiologist who is
one of the trial's lead investigators.

Quist said [[quist:indirect|the vaccine used a harmless fragment of the virus to train the
immune system]], an approach that has worked against related viruses elsewhere.

The trial is funded with <<f:money:NDL:45e6|45 million dalen>> from the health ministry and a
grant from the Meridian Research Fund. If it succeeds, larger trials involving several thousand
people could begin in <<n|2027>>.

Chief Medical Officer Liv Arkwright said that [[arkwright:indirect|even in the best case a
vaccine would not be available for the next mosquito season]].

"[[arkwright:direct:said_after+pronoun|This is good news, but it is news about the future]],"
she said. "[[arkwright:direct:interrupted|Next summer we will rely on the same precautions as
this one.]]"

The outbreak has infected more than five thousand people in Norland since June.
""")

art("HT", "2025-09-16", "sport",
    "Berg scores twice as Port Haldane open season with win", """
Lars Berg scored twice as Port Haldane FC began the new league season with a
<<n|3-0>> win over Kessel Rovers at the Quayside Ground on Saturday, in a rematch of last
season's cup final.

The captain, who spent the summer fending off interest from Vastavian champions Ostravel
Dynamo, opened the scoring with a header from a corner after <<f:measure:minute:22|22>>
minutes and added a second with a curling shot early in the second half.

"[[lberg:direct:said_after|People asked me all summer whether I would still be here. I hope
today answered the question]]," Berg said.

Rovers, who beat Port Haldane on penalties to win the cup in May, had few chances. Their best
came just before half time, when Berg cleared a shot off the line.

The midfielder said that [[lberg:indirect:title_phrase|the team's aim this season was to win
the league for the first time since <<n|2006>>]].

"[[lberg:direct:said_after+pronoun|We have been close too many times. This year the young
players have another year of experience, and you can see it]]," he said.

A crowd of <<f:count::11800|11,800>> watched the match in warm sunshine. Port Haldane travel to
Arvenholm United next weekend.
""")

art("VDW", "2025-09-22", "conflict",
    "Meridian Council adopts Greyfell ceasefire resolution", """
DUNMERE, <<n|Sept 22>> (VDW) - The Meridian Council on Monday adopted
<<n|Resolution 4417>>, which establishes a ceasefire in the Greyfell corridor from midnight on
<<n|October 1>> and creates a demilitarised zone patrolled by international monitors.

The resolution passed with <<f:count::13|13>> votes in favour, none against and
<<f:count::2|two>> abstentions. Both Norland and Vastavia, which do not vote on matters
concerning their own territory, had said in advance that they would accept it.

"[[kolev:direct:said_after|This is not the end of the dispute, but it can be the end of the
shooting]]," Foreign Minister Dmitar Kolev said after the vote.

Rafael Oduya, the special envoy who spent most of the year negotiating the text, said that
[[oduya:indirect|the first monitors would arrive in the corridor within
<<f:measure:day:10|10>> days]].

The Ministry of Defence said [[mod:indirect|Vastavian units would begin withdrawing from forward
positions within <<f:measure:hour:48|48>> hours of the ceasefire taking effect]].

In Ostravel, President Petr Halvik said that [[halvik:indirect|Vastavia had given up nothing
but its guns]], a remark that drew applause from members of his party in the Vastavian
Assembly. The Vastavian president said [[halvik:indirect:title_phrase|he hoped to meet
Norland's President Ilse Marrow before the end of the year]].

About <<f:count::~400|400>> monitors are expected to be deployed, drawn from <<f:count::9|nine>>
countries.
""")

art("MP", "2025-09-29", "environment",
    "Floods on the Vessa force hundreds from their homes", """
BRENMOUTH — Floods along the lower Vessa forced about <<f:count::~800|800>> people from their
homes over the weekend after three days of heavy rain, and more rain is forecast for the week.

"[[caddon:direct:said_after|The river rose faster than anyone expected, and in two places the
embankments simply were not high enough]]," Environment Minister Mira Caddon said on Monday
after flying over the area by helicopter.

Water levels at the Brenmouth gauge peaked on Sunday at <<f:measure:m:4.8|4.8>> metres above
normal, the highest reading since <<n|1987>>. Parts of <<n|Route 9>> and the main railway line
to the north were closed.

Caddon said [[caddon:indirect|the government would review flood defences along the whole length
of the river]] and would bring forward <<f:money:NDL:300e6|300 million dalen>> of spending that
had been planned for later in the decade.

The environment minister said that [[caddon:indirect:title_phrase|climate change was making
such floods more frequent]].

Health officials were also concerned. Dr. Amara Quist, an epidemiologist at Kessel University,
warned that [[quist:indirect:warned|standing water left behind by the floods could bring a late
rise in Vessa fever cases]] if the weather stayed mild.

Emergency shelters have been set up in schools in Brenmouth and Orrin. Soldiers were deployed to
fill sandbags and to help evacuate elderly residents from farms cut off by the water.
""")

# ---- 2025-10 ------------------------------------------------------------------------------

art("NL", "2025-10-06", "health",
    "Vessa fever outbreak declared over after nearly 6,000 cases", """
ARVENHOLM (Northern Ledger) — Norland's health authorities on Monday declared the summer's
outbreak of Vessa fever over, after <<f:measure:week:3|three>> weeks without a new case in the
Vessa valley.

Chief Medical Officer Liv Arkwright said: "[[arkwright:direct:colon|We recorded nearly
<<s:cases:~6000|6,000>> cases this season and <<f:count::14|14>> deaths. Every one of those
deaths is a family in mourning, and we owe it to them to be better prepared next year.]]"

Arkwright said [[arkwright:indirect|the ministry would publish a full review of the response
by the end of the year]], including the time it took to set up testing clinics outside the
valley.

The late rise in cases that some scientists feared after last month's floods did not
materialise, as a spell of cold nights arrived earlier than usual.

Dr. Amara Quist, an epidemiologist at Kessel University, pointed out that
[[quist:indirect:pointed_out|the mosquitoes had not disappeared, only gone dormant]].

"[[quist:direct:said_after+pronoun|The virus will be back next summer. The only question is
whether we will be ready for it]]," she said.

The government spent about <<f:money:NDL:~310e6|310 million dalen>> on the response, including
spraying, temporary clinics and overtime for hospital staff. The spraying teams will resume
work in April, and the health ministry plans to train local volunteers to find and empty
breeding sites over the winter.
""")

art("CBN", "2025-10-13", "crime",
    "Police arrest three over ransomware attack on Kessel hospital", """
Police have arrested <<f:count::3|three>> people suspected of carrying out a ransomware attack
that shut down the computer systems of Kessel's main hospital for almost a week in August, at
the height of the Vessa fever outbreak.

"[[ekwall:direct:inverted|These people attacked a hospital during an epidemic. I find it hard
to think of anything more cynical]]," said Police Commissioner Ruth Ekwall, announcing the
arrests in Arvenholm on Monday.

Ekwall said that [[ekwall:indirect|the suspects, two men and a woman, had been arrested in dawn
raids in Arvenholm and Port Haldane]] and that [[ekwall:indirect|officers had seized computers,
phones and about <<f:money:EUR:~80000|€80,000>> in cash]].

The attackers had demanded <<f:money:USD:5e6|$5m>> in cryptocurrency to unlock the hospital's
files. The hospital refused to pay, and staff returned to paper records while the systems were
rebuilt. Dozens of operations were postponed.

According to the commissioner, [[ekwall:indirect:according_to+title_phrase|the investigation had
been carried out with the help of police in Vastavia]], where one of the servers used in the
attack was located.

"[[ekwall:direct:said_after+pronoun|Criminals like to think that borders protect them. This case
shows that they do not]]," she said.

The three suspects are due to appear in court in Arvenholm on Wednesday. They face up to
<<f:measure:year:12|12>> years in prison if convicted.
""")

art("HT", "2025-10-20", "economy",
    "Port Haldane sets monthly record as strike backlog clears", """
Port Haldane handled more containers in September than in any month in its history, the Harbour
Port Authority said on Monday, as shipping lines cleared the backlog left by the summer strike.

"[[hpa:direct:said_after|September was the busiest month in the port's history, with
<<f:count::148000|148,000>> containers passing through our quays]]," the port authority said in
a statement. "[[hpa:direct:interrupted|We thank every worker who made it possible.]]"

Volumes were also lifted by the first shipments from the new grain terminal, which opened in
late August, and by a rise in trade with Vastavia after the ceasefire in the Greyfell corridor
took effect at the start of October.

Grete Holm, head of the Dockworkers' Union, said that [[holm:indirect|the record showed that
the pay rise agreed in July had been affordable]].

"[[holm:direct:said_after+pronoun|They told us in June that the port could not pay more. Three
months later it is breaking records. Our members can count]]," she said.

Construction of the deep-water berth at <<n|Quay 7>> is due to begin in January, after the
environment ministry approved a revised dredging plan that leaves the seal colony at the mouth of
the river undisturbed. The berth is expected to open in <<n|2028>>.

The port authority expects total volumes for the year to exceed
<<f:count::1.5e6|1.5 million>> containers for the first time.
""")

art("VDW", "2025-10-27", "politics",
    "Halvik's party wins Vastavian local elections", """
OSTRAVEL, <<n|Oct 27>> (VDW) - President Petr Halvik's Vastavian Renewal party won control of
most of the country's regional councils in local elections on Sunday, taking about
<<f:percent:%:~52|52%>> of the vote according to preliminary results.

Turnout was <<f:percent:%:61|61%>>, the highest in a local election since <<n|2009>>. The
opposition Vastavian Liberal Party came second with around <<f:percent:%:~27|27%>>.

President Halvik, voting in his home town of Velmar, said: "[[halvik:direct:colon|People have voted
for
peace, for jobs and for a strong Vastavia. I do not think those are three different
things.]]"

The Vastavian president said [[halvik:indirect:title_phrase|the result was an endorsement of the
ceasefire agreement]], which came into force at the start of the month.

Anika Stroud, the leader of the Vastavian Liberal Party, said that [[stroud:mixed|the campaign
had been "neither free nor fair"]], citing the dominance of state television.

"[[stroud:direct:said_after+pronoun|When one party has every television channel and the other has
a bicycle, you do not need to rig the count]]," she said.

Observers from the Meridian Council, who monitored voting in <<f:count::40|40>> districts, are
due to publish their report next week. The council's preliminary statement noted that voting
had been orderly but that coverage in the state media had favoured the governing party.
""")

art("MP", "2025-10-30", "science",
    "Arvenholm researchers build AI model to forecast Vessa floods", """
ARVENHOLM — Researchers at the Arvenholm Institute of Technology have built a computer model that
they say can forecast floods on the Vessa up to five days in advance, twice as far ahead as the
warnings available last month.

Professor Felix Orlan, whose laboratory developed the system, said: "[[orlan:direct:colon|The
river gives signals days before it rises: in the soil, in the tributaries, in the snow on the
hills. A human forecaster cannot watch all of them at once. A machine can.]]"

The model was trained on <<f:measure:year:40|40>> years of river gauge readings, rainfall
records and satellite images, including pictures from Vastavia's <<n|Vasta-1>> satellite, which
the Vastavian Space Agency agreed to share after the ceasefire.

Tested against last month's floods, the model predicted the peak at Brenmouth
<<f:measure:hour:~70|70>> hours before it arrived and got the water level right to within
<<f:measure:cm:30|30>> centimetres.

Orlan said that [[orlan:indirect|the model was a tool for forecasters, not a replacement for
them]]. He added that [[orlan:indirect:pronoun|the team planned to hand it over to the national
weather service free of charge next spring]].

"[[orlan:direct:said_after+pronoun|We built it with public money, so it belongs to the
public]]," he said.

The work was funded by the Meridian Research Fund and by a grant of
<<f:money:NDL:8e6|8 million dalen>> from the environment ministry.
""")

# ---- 2025-11 ------------------------------------------------------------------------------

art("NL", "2025-11-03", "politics",
    "Marrow says she is ready to meet Halvik 'anywhere, any time'", """
ARVENHOLM (Northern Ledger) — President Ilse Marrow said on Monday that [[marrow:mixed|she
was ready to meet her Vastavian counterpart, Petr Halvik, "anywhere, any time"]], a month after
the ceasefire in the Greyfell corridor came into force.

"[[marrow:direct:said_after+pronoun|The guns have been quiet for a month. That is a beginning,
and beginnings need to be protected]]," she told a news conference at the presidential palace.

The Norlandic president said [[marrow:indirect:title_phrase|a summit could settle questions
left open by the ceasefire]], including the return of prisoners, the reopening of border
crossings and the management of the Tessen river, which runs through the corridor.

Foreign Minister Sigrid Vane said [[vane:indirect|officials from both countries had begun
discussing possible dates and venues]]. Vane pointed out that [[vane:indirect:pointed_out|the
ceasefire had so far held without a single serious incident]].

"[[vane:direct:said_after+pronoun|A month ago I would not have bet on that]]," she said.

The monitors deployed under <<n|Resolution 4417>> have reported <<f:count::7|seven>> minor
violations since <<n|October 1>>, most of them warning shots fired at night by nervous sentries.

Edvin Rask, the leader of the opposition Workers' Alliance, said his party supported the talks,
but warned that [[rask:indirect:warned|the government must not trade away Norland's claim to the
corridor in return for a photograph]].
""")

art("CBN", "2025-11-10", "economy",
    "Unemployment falls to 5.2% as ceasefire lifts hiring", """
Norland's unemployment rate fell to its lowest level in four years in October, as companies
near the border began hiring again after the ceasefire in the Greyfell corridor.

The Norland Statistics Office said on Monday that [[nso:indirect|unemployment fell to
<<s:unemployment:5.2|5.2%>> in October]], and that [[nso:indirect|the number of people in work
rose by about <<f:count::~14000|14,000>> over the month]].

The biggest gains were in the border regions, where farms and timber companies have been
reluctant to take on staff since the clashes at the start of the year. Several sawmills near the
Tessen river have reopened.

Finance Minister Tomas Okafor said: "[[okafor:direct:colon|Peace is good for business. Today's
figures are the proof.]]"

Governor Jonas Prell of the Bank of Norland said [[prell:indirect|the labour market remained
tight]] and that [[prell:indirect|the bank would watch wage growth closely before deciding
whether to cut interest rates]]. Inflation eased to <<f:percent:%:4.6|4.6%>> in September.

The jobless rate has fallen by more than half a percentage point since the spring, when it stood
close to six per cent. Youth unemployment, however, remains above
<<f:percent:%:12|12%>>.

The statistics office said [[nso:indirect|the figures were seasonally adjusted]] and warned
that [[nso:indirect:warned|the winter months usually brought a rise in joblessness in farming and
construction]].
""")

art("HT", "2025-11-17", "crime",
    "Judge Berg jails former port official for taking bribes", """
A former deputy director of the Harbour Port Authority was jailed for six years on Monday for
taking bribes worth <<f:money:NDL:3.2e6|3.2 million dalen>> from companies seeking contracts at
Port Haldane.

Oskar Lenn, <<f:age::58|58>>, was convicted last month of accepting payments from a
construction firm and a cleaning company between <<n|2019>> and <<n|2023>>. In return, the court
heard, he passed on details of rival bids and helped the two firms win contracts worth more than
<<f:money:NDL:40e6|40 million dalen>>.

Judge Anna Berg said that [[aberg:indirect|Lenn had treated public money as his own]].

"[[aberg:direct:said_after+pronoun|You held a position of trust in an institution that belongs
to everyone in this city. You sold that trust, piece by piece]]," she said.

The judge said [[aberg:indirect:title_phrase|she had taken into account Lenn's guilty plea on
two of the charges and his poor health]].

The directors of the two companies received suspended sentences and were fined.

The Harbour Port Authority said that [[hpa:indirect|it had changed its procurement rules since
the case came to light]] and that [[hpa:indirect|all contracts above one million dalen were now
reviewed by an outside auditor]].

Lenn's lawyer said his client would not appeal. He is expected to serve his sentence at the
prison in Kessel.
""")

art("VDW", "2025-11-24", "conflict",
    "Vastavia and Norland exchange prisoners under ceasefire deal", """
OSTRAVEL, <<n|Nov 24>> (VDW) - Vastavia and Norland exchanged prisoners at a crossing point in
the Greyfell corridor on Monday, the first such exchange since the ceasefire took effect last
month.

The Ministry of Defence said that [[mod:indirect|<<f:count::48|48>> Vastavian soldiers had
returned home]] and that [[mod:indirect|the same number of Norlandic prisoners had been handed
over]]. Vastavia also released the <<f:count::27|27>> Norlandic fishermen detained by its
coastguard last year.

Defence Minister Radek Sorn, who met the returning soldiers at a military hospital in Karsk,
said: "[[sorn:direct:colon|Some of these men have not seen their families for almost a year.
Today is their day, not ours.]]"

The exchange was organised by Meridian Council monitors and took place at <<n|10am>> on a bridge
over the Tessen river. Buses carrying the prisoners arrived from both sides and crossed
simultaneously.

In Arvenholm, Foreign Minister Sigrid Vane welcomed the release of the fishermen.
"[[vane:direct:inverted|They
should never have been held]]," said Vane. "[[vane:direct:interrupted|But today I want to thank
everyone who helped bring them home.]]"

Rafael Oduya, the council's special envoy, said that [[oduya:indirect|the exchange showed that
the ceasefire was producing results people could see]].

Officials from both countries believe [[-:belief|a second exchange, involving civilians detained
during the clashes, could take place before the end of the year]].
""")

art("MP", "2025-11-27", "sport",
    "Vastavia and Norland draw in first meeting since ceasefire", """
OSTRAVEL — Vastavia and Norland drew <<n|1-1>> in a Meridian Nations Cup qualifier in Ostravel
on Thursday, the first football match between the two countries since <<n|2019>> and a game
played in an atmosphere more relaxed than many had expected.

Norland took the lead after <<f:measure:minute:34|34>> minutes when their captain, Lars Berg,
scored from the penalty spot. Vastavia equalised through a header from Milan Oresko with ten
minutes remaining.

A crowd of about <<f:count::~31000|31,000>> watched the match, including several hundred
Norlandic fans who travelled by special train from Arvenholm, the first passenger service to
cross the border in more than a year.

"[[darrel:direct:said_after|My players wanted to win, of course. But tonight the most important
thing happened before the kick-off, when both anthems were played and nobody whistled]]," said
Vastavia's coach, Ivo Darrel.

The Vastavian coach said that [[darrel:indirect:title_phrase|he had asked fans before the match
to respect the visitors]].

Berg said [[lberg:indirect|the welcome in Ostravel had surprised him]].

"[[lberg:direct:said_after+pronoun|I played here in February with my club and it was a very
different night. This time people were applauding our bus]]," he said.

The result leaves both sides needing a win in their final qualifier next March to reach the
tournament.
""")

# ---- 2025-12 ------------------------------------------------------------------------------

art("NL", "2025-12-02", "economy",
    "Chamber passes budget after late deal on heating subsidies", """
ARVENHOLM (Northern Ledger) — The National Chamber approved the government's budget for
<<n|2026>> on Tuesday by <<f:count::84|84>> votes to <<f:count::73|73>>, after Finance Minister
Tomas Okafor agreed at the last minute to soften cuts to heating subsidies for pensioners.

Under the compromise, households in which everyone is over <<f:age::70|70>> will keep their
full subsidy this winter. The change will cost about <<f:money:NDL:~120e6|120 million
dalen>>, which Okafor said [[okafor:indirect|would be covered by savings in the defence budget
made possible by the ceasefire]].

"[[okafor:direct:said_after+pronoun|A budget is a set of choices, and today we made a better
one]]," he said after the vote.

President Ilse Marrow thanked the members of her Civic Union who had threatened to vote against
the budget. Marrow said [[marrow:indirect|they had reminded the government of its promise to
protect the most vulnerable]].

Edvin Rask, the opposition leader, said that [[rask:mixed|the concession was "a sticking plaster
on a broken leg"]] and that his party would continue to oppose the pension reform.

The budget takes effect on <<n|January 1>>. It includes an <<f:percent:%:11|11%>> rise in
defence spending, although ministers have signalled that this could be reduced in the spring if
the ceasefire holds.
""")

art("CBN", "2025-12-09", "environment",
    "Skerry offshore wind farm wins final approval", """
The government on Tuesday gave final approval to an offshore wind farm off the Skerry islands,
the largest energy project in Norland's history and the centrepiece of its climate plan.

The <<f:measure:MW:1200|1,200>>-megawatt farm will consist of <<f:count::80|80>> turbines, each
taller than the tower of Arvenholm cathedral, standing in water up to
<<f:measure:m:45|45>> metres deep. It will cost about <<f:money:EUR:~3.4e9|€3.4bn>> and is
expected to start producing electricity in <<n|2029>>.

"[[caddon:direct:said_after|This is the day our climate plan stops being a document and becomes a
building site]]," Environment Minister Mira Caddon said at a ceremony in Port Haldane.

Caddon said [[caddon:indirect|the project would create about <<f:count::~1500|1,500>> jobs during
construction]], many of them in the port, which will serve as its main base.

The approval follows two years of consultation with fishermen and island communities, some of
whom opposed the project. The environment minister said that
[[caddon:indirect:title_phrase|the developer had agreed to pay into a fund for the islands worth
<<f:money:NDL:50e6|50 million dalen>> over 20 years]].

The Harbour Port Authority said [[hpa:indirect|it would build a dedicated quay for the turbine
components]], which will be assembled on the old timber wharf.

Construction at sea is due to begin in the spring of <<n|2027>>.
""")

art("HT", "2025-12-15", "economy",
    "New ferry terminal opens in Port Haldane", """
Port Haldane's new ferry terminal opened to passengers on Monday morning, replacing a building
that had served the islands of the Skerry archipelago since the <<n|1960s>>.

The first departure, the <<n|7.15am>> sailing to North Skerry, left on time with about
<<f:count::~200|200>> passengers and <<f:count::35|35>> vehicles on board. Many of the early
passengers were islanders returning home after weekend shopping in the town.

The terminal, built of timber and glass on the site of the old fish market, has a waiting hall
for <<f:count::400|400>> people, a café, covered walkways to the ships and parking for
<<f:count::250|250>> cars. Its roof carries solar panels that supply most of the building's
electricity.

The project cost <<f:money:NDL:96e6|96 million dalen>> and took just over two years to build,
about four months longer than planned. The delays were blamed on the dockworkers' strike in the
summer and on problems with the foundations, which had to be driven deeper than expected into
the soft ground of the harbour.

The old terminal, a concrete block on the eastern quay, will be demolished next year to make room
for an extension of the container yard.

Ferries to the islands carry about <<f:count::~600000|600,000>> passengers a year, a number that
has grown steadily as more people commute from the islands to jobs in Port Haldane.
""", quiet=True)

art("VDW", "2025-12-18", "politics",
    "Halvik: [[halvik:headline|2026 will be 'the year of peace and bread']]", """
OSTRAVEL, <<n|Dec 18>> (VDW) - President Petr Halvik promised on Thursday that
[[halvik:mixed|<<n|2026>> would be "the year of peace and bread"]], as he used his annual news
conference to set out plans to shift spending from the army to farming and housing.

Halvik told more than <<f:count::~300|300>> journalists gathered in the Assembly hall:

"[[halvik:direct:multi_paragraph|This year our soldiers protected the country. Next year our
farmers, our builders and our teachers will build it. We did not recruit an army in order to use
it. We recruited it so that we would not have to.

"Now the guns are silent, and I intend to keep them that way.]]"

The Vastavian president said [[halvik:indirect:title_phrase|the economy had grown by
<<f:percent:%:2.8|2.8%>> this year despite the tension on the border]], and that
[[halvik:indirect|the government would build <<f:count::20000|20,000>> new homes in
<<n|2026>>]].

Asked whether the army would now shrink, Halvik said that [[halvik:indirect|no soldier would be
dismissed]], but that [[halvik:indirect|contracts would not automatically be renewed when they
expired]].

On relations with Norland, he said [[halvik:indirect:pronoun|he expected to meet President Ilse
Marrow early in the new year]]. "[[halvik:direct:said_after+pronoun|I have spoken to her twice on
the telephone. It is time we spoke in the same room]]," he said.

The news conference lasted more than four hours, a record even by Halvik's standards.
""")

art("MP", "2025-12-22", "science",
    "The year in science: fish-sorting robots, a satellite and a vaccine", """
It was a busy year for science in Norland and Vastavia, with discoveries and launches that
reached well beyond the region's laboratories.

In January, engineers at the Arvenholm Institute of Technology unveiled a soft robotic gripper
able to tell <<f:count::12|12>> species of fish apart by touch. Trials on a trawler operating out
of Port Haldane began in the autumn, and the device now handles a fish in just over a second.

In May, Vastavia joined the small club of countries with their own Earth observation satellites
when <<n|Vasta-1>> reached orbit. Its images have since been used to map the wildfires in the east
of the country and the floods on the Vessa.

The summer's outbreak of Vessa fever, with nearly <<f:count::~6000|6,000>> cases in Norland,
drove a burst of research. Kessel University began human trials of a vaccine in September, and
results from the first group of <<f:count::240|240>> volunteers are due in the spring.

In October, the same Arvenholm laboratory behind the fish gripper produced a flood forecasting
model that predicted the peak of the September floods almost three days in advance.

Next year should bring the results of the vaccine trial, the first full year of data from
<<n|Vasta-1>>, and a decision on whether Kessel University will join a regional project to build
a new research reactor, at a projected cost of <<f:money:EUR:~700e6|€700m>>.
""", quiet=True)

# ---- 2026-01 ------------------------------------------------------------------------------

art("NL", "2026-01-08", "politics",
    "Marrow and Halvik to meet in Dunmere this month", """
ARVENHOLM (Northern Ledger) — President Ilse Marrow and her Vastavian counterpart Petr Halvik
will hold their first face-to-face meeting in Dunmere on <<n|January 19>>, Foreign Minister
Sigrid Vane said on Thursday.

Vane said that [[vane:indirect|the summit would last one day and would be hosted by the
Meridian Council]], whose envoy, Rafael Oduya, brokered the ceasefire in the Greyfell corridor
last year.

"[[vane:direct:said_after+pronoun|We are not going to Dunmere to sign a final peace treaty. We
are going to agree on how to write one]]," she said.

The agenda includes the return of civilians detained during last year's clashes, the reopening
of <<f:count::3|three>> border crossings closed since January and a joint commission on the
Tessen river, which both countries use for irrigation.

Oduya said in a statement that [[oduya:indirect|both presidents had shown courage in agreeing to
meet]]. "[[oduya:direct:said_after+title_phrase|A year ago this meeting was unthinkable]]," the
envoy said.

Marrow will travel with Vane and Finance Minister Tomas Okafor, who is expected to discuss trade
and the reopening of the railway line between Arvenholm and Ostravel.

Opinion polls suggest that about <<f:percent:%:~60|60%>> of Norlandic voters support the summit,
although many doubt that it will produce a lasting settlement of the border dispute.
""")

art("VDW", "2026-01-15", "conflict",
    "Sorn rules out sending recruits home early despite ceasefire", """
OSTRAVEL, <<n|Jan 15>> (VDW) - Defence Minister Radek Sorn on Thursday ruled out cutting the
size of Vastavia's army before the contracts signed during last year's recruitment drive expire,
despite the ceasefire in the Greyfell corridor.

Sorn denied that [[sorn:indirect:denied|the ministry was planning to release thousands of new
recruits early to save money]], as reported by an opposition newspaper this week.

"[[sorn:direct:interrupted+pronoun|A contract is a promise, and the state keeps its promises]],"
he said. "[[sorn:direct:interrupted|Those who signed up will serve their full term, and they will
be paid for it.]]"

The Ministry of Defence said in a statement that [[mod:indirect|about <<f:count::~1900|1,900>>
soldiers had asked to leave the army early since the ceasefire]], and that
[[mod:indirect|each request would be considered individually]].

The defence budget for this year is <<f:money:EUR:2.6e9|€2.6bn>>, slightly less than last year
but still well above the level before the recruitment campaign began.

President Petr Halvik said last month that contracts would not automatically be renewed when they
expire, which analysts believe [[-:belief|will reduce the size of the army gradually over the
next two years]].

The defence minister said that [[sorn:indirect:title_phrase|the army would use the ceasefire to
train]], and that [[sorn:indirect|the new demining unit had already cleared several square
kilometres of forest near Skelde]].
""")

art("MP", "2026-01-20", "politics",
    "[[marrow:headline|Peace is within reach]]: Marrow", """
DUNMERE — Norland's President Ilse Marrow said after meeting Vastavia's President Petr Halvik on
Monday that [[marrow:mixed|a permanent settlement of the border dispute was "within reach"]],
as the two leaders agreed to reopen border crossings and set up a joint commission on the Tessen
river.

"[[marrow:direct:interrupted|We did not solve everything today]]," Marrow told reporters after
the talks. "[[marrow:direct:interrupted|But for the first time I believe that peace is within
reach, and that both of us want it.]]"

The two presidents met for about <<f:measure:hour:~6|six>> hours at the headquarters of the
Meridian Council, with a break for lunch overlooking the lake.

"[[halvik:direct:said_after+title_phrase|We did not become friends today. We became neighbours
who talk to each other, which is more useful]]," the Vastavian president said.

Under the agreement, <<f:count::3|three>> border crossings closed since last January will reopen
on <<n|March 1>>. All civilians still detained on either side will be released within
<<f:measure:day:30|30>> days.

The Norlandic leader said [[marrow:indirect:title_phrase|negotiations on the final status of the
Greyfell corridor would begin in the spring]]. Halvik said that
[[halvik:indirect|Vastavia had not changed its position on the corridor]], but that
[[halvik:indirect|it was ready to discuss shared management of the river and the forests]].

Rafael Oduya, the council's envoy, said [[oduya:indirect|the meeting had exceeded his
expectations]].
""")

art("CBN", "2026-01-26", "economy",
    "Bank of Norland cuts rates for first time in two years", """
The Bank of Norland cut its main interest rate by a quarter of a percentage point to
<<f:percent:%:4.25|4.25%>> on Monday, its first reduction in two years, as inflation eased and
the economy benefited from the ceasefire on the border.

Governor Jonas Prell said: "[[prell:direct:colon|Inflation has fallen faster than we expected.
We can now give households and businesses a little relief without putting that progress at
risk.]]"

Prell said that [[prell:indirect|inflation had fallen to <<f:percent:%:3.8|3.8%>> in
December]], helped by lower gas prices and a stronger dalen. He said
[[prell:indirect:pronoun|further cuts were possible this year]] but would depend on wage growth.

Finance Minister Tomas Okafor welcomed the decision. "[[okafor:direct:inverted|Lower rates mean
lower mortgage payments for hundreds of thousands of families]]," said Okafor.

The decision was unanimous. The bank raised rates in August, when inflation reached
<<f:percent:%:6.1|6.1%>>, its highest level in more than a year.

Banks were quick to pass on the cut. Haldane Bank said its variable mortgage rate would fall from
<<n|February 1>>, saving a typical borrower about <<f:money:NDL:~70|70 dalen>> a month.

The dalen weakened slightly against the euro after the announcement, and shares in Norlandic
housebuilders rose sharply in Arvenholm.
""")

art("HT", "2026-01-29", "sport",
    "Lars Berg retires from international football", """
Lars Berg, the Port Haldane FC captain, announced his retirement from international football on
Thursday after <<f:count::64|64>> appearances for Norland, saying he wanted to give younger
players a chance.

"[[lberg:direct:interrupted|I have had ten wonderful years with the national team]]," Berg said
at a news conference at the Quayside Ground. "[[lberg:direct:interrupted|Now it is time for
someone else to wear the armband, and for me to give everything I have left to this club.]]"

Berg, who turns <<f:age::30|30>> next month, scored <<f:count::19|19>> goals for his country,
including the penalty that earned Norland a draw in Ostravel in November, in the first match
between the two countries for six years.

The midfielder said that [[lberg:indirect:title_phrase|his decision had nothing to do with
injury]] and that [[lberg:indirect|he intended to play for Port Haldane for at least two more
seasons]].

Tributes came from both sides of the border. Ivo Darrel, Vastavia's national coach, said
[[darrel:indirect|Berg had been one of the most difficult opponents of his career]].

"[[darrel:direct:said_after+pronoun|Every time we played Norland, my first instruction to my
team was the same: do not give Berg any space. It rarely worked]]," he said.

Norland's final qualifier, against Vastavia in Arvenholm, is in March. Berg said he would be
watching from the stands.
""")

# ---- 2026-02 ------------------------------------------------------------------------------

art("NL", "2026-02-03", "health",
    "Flu cases climb but hospitals coping, says chief medical officer", """
ARVENHOLM (Northern Ledger) — Norland's hospitals are under pressure from a late wave of
influenza but are coping, Chief Medical Officer Liv Arkwright said on Tuesday, urging people who
have not yet been vaccinated to do so.

Arkwright said [[arkwright:indirect|about <<f:count::~620|620>> people were in hospital with flu,
roughly twice as many as at the same time last year]].

"[[arkwright:direct:said_after+pronoun|The vaccine is free, it is safe and it is still worth
having in February]]," she said. "[[arkwright:direct:interrupted|The flu season is not over, and
we expect it to last into March.]]"

The chief medical officer said that [[arkwright:indirect:title_phrase|uptake of the flu vaccine
among people over <<f:age::65|65>> had fallen to <<f:percent:%:58|58%>>]], well below the
government's target.

Dr. Amara Quist, an epidemiologist at Kessel University, said [[quist:indirect|the early results
from the Vessa fever vaccine trial were encouraging]], with no serious side effects among the
volunteers so far.

"[[quist:direct:said_after+pronoun|It is too early to say whether it protects people. It is not
too early to say that it is safe]]," she said.

Several hospitals in the capital have postponed planned operations to free beds for flu
patients. The health ministry has asked pharmacies to stay open later in the evening to
vaccinate people on their way home from work.
""")

art("CBN", "2026-02-10", "crime",
    "Recorded crime falls 6% but online fraud soars", """
Recorded crime in Norland fell by <<f:percent:%:6|6%>> last year, but the number of people
reporting online fraud rose sharply, according to figures published by the national police on
Tuesday.

Police Commissioner Ruth Ekwall said that [[ekwall:indirect|about <<f:count::~12000|12,000>>
people had reported being defrauded online]], an increase of nearly
<<f:percent:%:~40|40%>> on the year before.

"[[ekwall:direct:said_after+pronoun|The burglar used to come through the window. Now he comes
through the phone]]," she said at the presentation of the annual crime report in Arvenholm.

Burglaries fell to their lowest level on record, and violent crime was broadly unchanged. Drug
seizures rose, largely because of the <<f:measure:kg:310|310>>-kilogram haul at Port Haldane last
February.

The commissioner said that [[ekwall:indirect:title_phrase|the police would create a national
fraud unit with <<f:count::150|150>> officers]] and that [[ekwall:indirect|banks would be asked
to do more to block suspicious payments]].

Ekwall said [[ekwall:indirect|older people were the most frequent victims]], often targeted by
callers pretending to be from their bank or from the tax office.

The number of homicides fell to <<f:count::31|31>>, the lowest since <<n|2015>>. The police
budget for this year is <<f:money:NDL:4.1e9|4.1bn dalen>>, an increase of
<<f:percent:%:3|3%>>.
""")

art("VDW", "2026-02-17", "economy",
    "Vastavia returns to bond markets with €1.5bn issue", """
OSTRAVEL, <<n|Feb 17>> (VDW) - Vastavia sold <<f:money:EUR:1.5e9|€1.5bn>> of ten-year bonds on
Tuesday, its first borrowing on international markets in more than three years, as investors
returned to the country after the ceasefire with Norland.

Finance Minister Yana Koral said that [[koral:indirect|demand had been more than three times the
amount on offer]], allowing the government to borrow at an interest rate of
<<f:percent:%:5.4|5.4%>>, lower than it had expected.

"[[koral:direct:said_after+pronoun|A year ago nobody would lend to us at any price. Today they
are queuing]]," she said.

The government also signed a separate loan of <<f:money:USD:600e6|$600m>> with the Meridian
Development Bank to rebuild roads and bridges in the east of the country damaged by last
summer's wildfires.

President Petr Halvik said that [[halvik:indirect|the money would be used to build homes and
modernise farms, not to buy weapons]].

"[[halvik:direct:said_after+pronoun|We are borrowing for tractors, not tanks]]," he said.

The bond sale comes as the Vastavian economy recovers from two difficult years. Growth reached
<<f:percent:%:2.8|2.8%>> last year, and the central bank expects a similar rate in
<<n|2026>>. The euro, which Vastavia adopted in <<n|2015>>, has helped to keep inflation below
<<f:percent:%:3|3%>>.
""")

art("MP", "2026-02-23", "environment",
    "Norland's largest glacier lost a tenth of its ice in a decade, survey finds", """
KESSEL — The Harren glacier, Norland's largest, has lost about a tenth of its ice over the past
decade, according to a survey published on Monday by the national geological service and Kessel
University.

The survey found that the glacier's surface had dropped by an average of
<<f:measure:m:~14|14>> metres since <<n|2015>>, and that its front had retreated by more than
<<f:measure:m:600|600>> metres, exposing bare rock that had been buried under ice for centuries.

Environment Minister Mira Caddon, who visited the glacier last summer, said:
"[[caddon:direct:colon|These
numbers are not a forecast. They are a measurement. The ice is already gone.]]"

Caddon said that [[caddon:indirect|the government would fund a permanent monitoring station on
the glacier]] and that [[caddon:indirect|meltwater from the Harren would be included in the
planning for flood defences on the Vessa]], which is partly fed by it.

The glacier supplies water to <<f:count::3|three>> hydroelectric plants that together generate
about <<f:percent:%:~8|8%>> of Norland's electricity. Scientists believe
[[-:belief|the plants will produce more power for the next two decades as the melting speeds
up, and less afterwards]].

The survey used drones and images from satellites, including Vastavia's <<n|Vasta-1>>, to map the
ice in three dimensions for the first time.
""")

art("HT", "2026-02-26", "economy",
    "[[okafor:headline|Norland will balance its books by 2028]]: Okafor", """
Finance Minister Tomas Okafor said on Thursday that [[okafor:indirect|Norland would balance its
external accounts by <<n|2028>>]], as cheaper gas, record grain exports and the end of fighting on
the border began to close the country's trade gap.

Speaking to business leaders in Port Haldane, Okafor said: "[[okafor:direct:colon|The
current-account deficit has come down to about <<s:deficit:~2.5e9|$2.5bn>>, and it is still
falling. A year ago I warned you that things would get worse before they got better. Today I can
tell you that they are getting better.]]"

He said [[okafor:indirect:pronoun|grain exports had reached a record
<<f:measure:t:3.1e6|3.1 million>> tonnes in the year to January]], close to the doubling he
predicted last spring.

Nils Ferrant, chief executive of Arvenholm Grain, said that [[ferrant:indirect|the company was
already planning a second terminal]]. "[[ferrant:direct:said_after+pronoun|The railway is still
the weak link, but it is a lot less weak than it was]]," he said.

The finance minister said that [[okafor:indirect:title_phrase|the improvement would allow the
government to restore some of the heating subsidies cut in the last budget]].

Economists were more cautious. Analysts at Haldane Bank believe [[-:belief|the deficit will
narrow further this year but could widen again if gas prices rise]].
""")

# ---- 2026-03 ------------------------------------------------------------------------------

art("NL", "2026-03-03", "science",
    "Robots join the night shift at Port Haldane", """
PORT HALDANE (Northern Ledger) — Robots developed at the Arvenholm Institute of Technology have
begun working the night shift at Port Haldane's grain terminal, cleaning and inspecting the
inside of silos that workers previously had to enter on ropes.

The <<f:count::4|four>> machines, each about the size of a large dog, climb the walls of the
silos using magnetic tracks and send back video and measurements of the grain. The work used to
require a team of <<f:count::3|three>> people and was one of the most dangerous jobs at the port.

"[[orlan:direct:inverted|Nobody should have to hang on a rope inside a silo full of dust in the
middle of the night]]," said Professor Felix Orlan, whose laboratory designed the robots.

Orlan said [[orlan:indirect|the robots were controlled by operators in a cabin at the foot of the
silo]], and that [[orlan:indirect|nobody had lost their job as a result]].

Grete Holm, head of the Dockworkers' Union, said the union had agreed to the trial but warned
that [[holm:indirect:warned|it would oppose any attempt to use robots to replace crane drivers
or lashers]].

"[[holm:direct:said_after+pronoun|A robot that takes a dangerous job away is welcome. A robot
that takes a wage away is not]]," she said.

The Harbour Port Authority said that [[hpa:indirect|the trial would run until the summer]],
after which it would decide whether to buy more machines.

The robots cost about <<f:money:NDL:~1.2e6|1.2 million dalen>> each.
""")

art("VDW", "2026-03-10", "conflict",
    "Demining teams clear 2,000 mines from Greyfell", """
OSTRAVEL, <<n|March 10>> (VDW) - Vastavian army engineers have cleared more than 2,000 mines
and unexploded shells from the Greyfell corridor since the ceasefire took effect in October, the
Ministry of Defence said on Tuesday.

The ministry said that [[mod:indirect|the demining unit formed last summer had cleared about
<<f:measure:km2:~14|14>> square kilometres of forest and farmland]], and that
[[mod:indirect|most of the devices dated from the fighting of the <<n|1990s>>]].

Defence Minister Radek Sorn, visiting the unit near Skelde, said: "[[sorn:direct:colon|Every
mine we lift is a leg that a child will keep. I cannot think of better work for a
soldier.]]"

The unit, made up of <<f:count::~600|600>> soldiers recruited during last year's campaign, works
alongside a smaller Norlandic team on the other side of the corridor. Meridian Council monitors
check each area before it is declared safe.

Rafael Oduya, the council's special envoy, said [[oduya:indirect|the joint work had done more to
build trust than any meeting of diplomats]].

"[[oduya:direct:said_after+title_phrase|You cannot clear a minefield with people you do not
trust]]," the envoy said.

Farmers have begun returning to fields near Skelde that have not been ploughed for more than a
year. The ministry estimates that clearing the whole corridor will take at least
<<f:measure:year:5|five>> more years.
""")

art("CBN", "2026-03-16", "politics",
    "Rask launches presidential bid with promise to scrap pension reform", """
Edvin Rask, the leader of the opposition Workers' Alliance, launched his campaign for Norland's
presidency on Monday, promising to reverse the increase in the retirement age if he wins the
election in September.

"[[rask:direct:said_after|I will say it plainly, so that nobody can misunderstand me: the first
law I sign will restore the retirement age to sixty-five]]," Rask told about
<<f:count::~2000|2,000>> supporters at a rally in a former shipyard in Port Haldane.

Rask said that [[rask:indirect|the reform had been forced through against the will of most
voters]] and that [[rask:indirect|the money could be found by taxing windfall profits at energy
companies]].

The opposition leader also said [[rask:mixed|the ceasefire with Vastavia was "the one thing this
government got right"]] and pledged to continue the negotiations on the Greyfell corridor.

President Ilse Marrow, who is expected to seek a second term, said [[marrow:indirect|she welcomed
the contest]]. "[[marrow:direct:said_after+pronoun|Elections are where promises meet
arithmetic]]," she said.

A poll published last week put Marrow's Civic Union at <<f:percent:%:36|36%>> and the Workers'
Alliance at <<f:percent:%:33|33%>>, the narrowest gap in more than two years.

Candidates have until <<n|June 30>> to register. The first round of voting is scheduled for
<<n|September 13>>.
""")

art("MP", "2026-03-23", "crime",
    "Judge Anna Berg named to Norland's Supreme Court", """
ARVENHOLM — Judge Anna Berg, who presided over two of the most closely watched trials of recent
years, was nominated to Norland's Supreme Court on Monday by President Ilse Marrow.

Berg, <<f:age::54|54>>, has been a High Court judge since <<n|2018>>. Last year she sentenced the
leaders of a cocaine smuggling ring at Port Haldane and jailed a former deputy director of the
Harbour Port Authority for taking bribes.

"[[marrow:direct:said_after|Judge Berg is known for her fairness, her clarity and her
independence, which is exactly what our highest court needs]]," President Marrow said in a
statement.

Berg said [[aberg:indirect|she was honoured by the nomination]] and that
[[aberg:indirect|she looked forward to the hearings before the National Chamber's justice
committee]].

"[[aberg:direct:said_after+pronoun|A judge's job is to listen carefully and to explain clearly.
I will try to keep doing both]]," she said.

If confirmed, the judge would replace Justice Harald Wenn, who retires in May after
<<f:measure:year:22|22>> years on the court. The Supreme Court has <<f:count::9|nine>> members,
of whom Berg would be the fourth woman.

The justice committee is expected to hold hearings next month. Members of the opposition Workers'
Alliance on the committee have indicated that they will not oppose the nomination.
""")

art("HT", "2026-03-27", "sport",
    "Port Haldane clinch first league title in 20 years", """
Port Haldane FC won the Norland league for the first time in two decades on Saturday, beating
Arvenholm United <<n|2-1>> at a packed Quayside Ground with <<f:count::4|four>> games to spare.

Lars Berg, the club's captain, scored the winning goal in the <<n|81st>> minute, a low shot from
the edge of the area that went in off the post, and was carried off the pitch on the shoulders of
supporters at the final whistle.

"[[lberg:direct:said_after|I have waited my whole career for this. I grew up three streets from
this stadium, and I have never heard it as loud as it was tonight]]," Berg said.

United had taken the lead through Jon Avery after <<f:measure:minute:20|20>> minutes, before
Sami Korhal equalised early in the second half.

The captain said that [[lberg:indirect:title_phrase|the title belonged to the whole town]],
including the dockworkers who had supported the team during the strike last summer.

"[[lberg:direct:said_after+pronoun|When the port was closed, people still came to every match.
This is for them]]," he said.

Port Haldane last won the league in <<n|2006>>, when Berg was a ball boy at the Quayside
Ground. A crowd of <<f:count::15600|15,600>>, the largest in the stadium's history, watched the
match.

The club will hold an open-top bus parade through the town on Sunday.
""")

# --------------------------------------------------------------------------------------------
# Extra files in other input formats (plain text, HTML page, CSV), same fictional world.
# --------------------------------------------------------------------------------------------

BRIEFING: dict[str, Any] = dict(
    file="briefing.txt", outlet=None, published="2026-03-12",
    title="Press briefing by the Meridian Council envoy on the Greyfell talks, 12 March 2026",
    body="""
DUNMERE — The Meridian Council's special envoy for the Greyfell corridor, Rafael Oduya, briefed
journalists on Thursday ahead of the first round of talks on the corridor's final status.

Oduya said that [[oduya:indirect|delegations from Norland and Vastavia would meet in Dunmere on
<<n|April 7>> for <<f:measure:day:3|three>> days of talks]], the first since the two presidents
agreed in January to begin negotiations.

"[[oduya:direct:said_after+pronoun|Nobody should expect a map to be agreed in April. What we
can expect is an agreement on how the map will be drawn]]," he said.

Asked about the monitoring mission, the envoy said [[oduya:indirect:title_phrase|the number of
monitors in the corridor would be reduced from about <<f:count::~400|400>> to
<<f:count::250|250>> by the summer]], because the ceasefire had held.

"[[oduya:direct:interrupted|Fewer monitors is good news]]," Oduya said.
"[[oduya:direct:interrupted|It means there is less to monitor.]]"

He said the mission's budget for this year was <<f:money:EUR:18e6|€18 million>>, paid by the
council's member states. Norland and Vastavia each contribute a share.

Oduya declined to say whether the two presidents would attend the April talks in person.
""")

FEATURE: dict[str, Any] = dict(
    file="feature.html", outlet="Meridian Post", published="2026-03-05",
    url="https://example.org/meridian-post/2026/03/greyfell-farmers-count-the-days",
    title="In the Greyfell corridor, farmers count the days",
    description="Five months into the ceasefire, the people of Skelde are ploughing fields "
                "they have not touched in a year.",
    author="Meridian Post staff (fictional)",
    body="""
SKELDE — The tractor that Jana Mirek drives across her family's field is older than she is. For
most of last year it stood in the barn, because the field lay within sight of a Norlandic
observation post and nobody in Skelde wanted to be the first to find out what that meant.

Now the ceasefire has held for five months, the mines along the edge of the forest have been
cleared, and Mirek is ploughing again. "[[mirek:direct:interrupted+pronoun|I measure the peace in
furrows]]," she says.
"[[mirek:direct:interrupted|Every morning I do a few more.]]"

Skelde, a village of about <<f:count::~700|700>> people on the Vastavian side of the corridor,
was where <<f:count::3|three>> soldiers died when their vehicle struck a mine in June. The
village school closed for most of the autumn. It reopened in January with
<<f:count::46|46>> pupils.

Defence Minister Radek Sorn, who has visited the village several times, said last week that
[[sorn:indirect|the demining unit based there would stay until the last field was safe]].

Across the corridor, in the Norlandic village of Orrin, farmers tell a similar story. Many
would like the border crossing on the Tessen bridge, reopened on <<n|March 1>>, to stay open
at night too, so that they can sell milk and cheese in Karsk.

For now, the monitors in their white vehicles remain the most reassuring sight on the road.
""")

WIRE: list[dict[str, Any]] = [
    dict(id="wire-001", outlet="Vastavia Daily Wire", published="2026-03-18", category="economy",
         url="https://vdw.test/2026/03/rail-link-reopens",
         title="Rail link between Ostravel and Arvenholm to reopen in May",
         body="""
OSTRAVEL, <<n|March 18>> (VDW) - Passenger trains between Ostravel and Arvenholm will run again
from <<n|May 4>>, the Vastavian railway company said on Wednesday, ending a suspension of more
than a year.

President Petr Halvik said that [[halvik:mixed|the reopening was "a railway line and a
promise"]]. Trains will run <<f:count::2|twice>> a day at first, taking about
<<f:measure:hour:~7|seven>> hours.
"""),
    dict(id="wire-002", outlet="Northern Ledger", published="2026-03-19", category="health",
         url="https://northernledger.test/2026/03/mosquito-season-plan",
         title="Health ministry sets out plan for next mosquito season",
         body="""
ARVENHOLM (Northern Ledger) — Chief Medical Officer Liv Arkwright said on Thursday that
[[arkwright:indirect|spraying teams would begin work in the Vessa valley <<f:measure:week:2|two>>
weeks earlier than last year]].

"[[arkwright:direct:said_after+pronoun|Last summer taught us that the first fortnight matters
most]]," she said. The ministry will spend <<f:money:NDL:90e6|90 million dalen>> on the
programme.
"""),
    dict(id="wire-003", outlet="Capital Broadcast News", published="2026-03-20", category="sport",
         url="https://cbn.test/news/2026/03/qualifier-sold-out",
         title="Norland-Vastavia qualifier sells out in an hour",
         body="""
All <<f:count::32000|32,000>> tickets for Norland's final Meridian Nations Cup qualifier against
Vastavia in Arvenholm sold out within an hour on Friday.

Vastavia's coach, Ivo Darrel, said: "[[darrel:direct:colon|Both teams need to win, and both
countries want to watch. That is how football should be.]]"
"""),
]


# fmt: on
# --------------------------------------------------------------------------------------------
# Rendering: markup -> plain text + annotations with character offsets
# --------------------------------------------------------------------------------------------

TOKEN = re.compile(r"\[\[([^|\[\]]+)\||\]\]|<<([^|<>]+)\||>>")
KINDS = {"direct", "indirect", "mixed", "headline", "belief"}
FIGURE_TYPES = {"count", "money", "percent", "measure", "age", "other"}
OPEN_MARKS, CLOSE_MARKS = {'"', "“"}, {'"', "”"}
SPEECH_WORDS = re.compile(
    r"\b(said|says|say|told|tells|according to|added|warned|denied|believes?|believed|"
    r"stated|insisted|claimed|announced|urged)\b",
    re.IGNORECASE,
)


def join_paragraphs(body: str) -> str:
    """Blank lines separate paragraphs; the lines of one paragraph are joined with spaces."""
    blocks = re.split(r"\n[ \t]*\n", textwrap.dedent(body).strip())
    return "\n\n".join(
        " ".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks
    )


def render(src: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """Strip the markup; return the plain text and (kind, tag, start, end) for every mark."""
    out: list[str] = []
    stack: list[tuple[str, str, int]] = []
    marks: list[tuple[str, str, int, int]] = []
    pos = n = 0
    for m in TOKEN.finditer(src):
        chunk = src[pos : m.start()]
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(1) is not None:
            stack.append(("stmt", m.group(1), n))
        elif m.group(2) is not None:
            stack.append(("num", m.group(2), n))
        else:
            assert stack, (
                f"unbalanced {m.group(0)!r} near {src[max(0, m.start() - 40) : m.end()]!r}"
            )
            kind, tag, start = stack.pop()
            assert m.group(0) == ("]]" if kind == "stmt" else ">>"), f"crossed marks at {tag!r}"
            marks.append((kind, tag, start, n))
    out.append(src[pos:])
    assert not stack, f"unclosed mark {stack[-1][1]!r}"
    text = "".join(out)
    for junk in ("[[", "]]", "<<", ">>", "|"):
        assert junk not in text, f"markup left in text: {junk!r} in {text[:60]!r}"
    return text, sorted(marks, key=lambda mk: (mk[2], -mk[3]))


def curl(text: str) -> str:
    """Straight quotes -> typographic ones; same length, so offsets stay valid."""
    chars = list(text)
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i else "\n"
        opening = prev.isspace() or prev in "([—-“‘"
        if ch == '"':
            chars[i] = "“" if opening else "”"
        elif ch == "'":
            chars[i] = "‘" if opening else "’"
    return "".join(chars)


def norm(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'").lower()


def slugify(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", norm(title).replace("'", "")).split()
    return "-".join(words[:9])


def parse_value(raw: str) -> tuple[float, bool]:
    approx = raw.startswith("~")
    return float(raw.lstrip("~")), approx


def fragments_of(text: str, start: int, end: int) -> list[list[int]]:
    """A quote running over paragraphs: one (start, end) per paragraph, marks excluded."""
    frags, s = [], start
    while (br := text.find("\n\n", s, end)) != -1:
        frags.append([s, br])
        s = br + 2
        assert text[s] in OPEN_MARKS, "a continued quote must reopen with a quotation mark"
        s += 1
    frags.append([s, end])
    return frags


def annotate(doc_id: str, sections: dict[str, tuple[str, list]], published: str | None) -> dict:
    """Turn the marks of one document (title and text) into statement and figure records."""
    statements, beliefs, figures, non_figures = [], [], [], []
    for section, (text, marks) in sections.items():
        stmt_spans = []
        for kind, tag, start, end in marks:
            if kind != "stmt":
                continue
            key, skind, *rest = tag.split(":")
            assert skind in KINDS and len(rest) <= 1, f"{doc_id}: bad statement tag {tag!r}"
            forms = rest[0].split("+") if rest else []
            rec = dict(
                article_id=doc_id,
                section=section,
                start=start,
                end=end,
                quote=text[start:end],
                kind=skind,
            )
            if key == "-":
                assert skind == "belief", f"{doc_id}: unnamed speaker for a {skind} statement"
                beliefs.append(rec)
                continue
            sp = SPEAKERS[key]
            rec = dict(
                rec, speaker=sp["name"], speaker_key=key, speaker_type=sp["kind"], forms=forms
            )
            if "multi_paragraph" in forms:
                rec["fragments"] = fragments_of(text, start, end)
            statements.append(rec)
            stmt_spans.append((start, end, rec))
        for kind, tag, start, end in marks:
            if kind != "num":
                continue
            parts = tag.split(":")
            base = dict(
                article_id=doc_id, section=section, start=start, end=end, surface=text[start:end]
            )
            if parts == ["n"]:
                non_figures.append(base)
                continue
            if parts[0] == "s":
                _, series, raw = parts
                spec = SERIES[series]
                ftype, unit, counts = spec["type"], spec["unit"], spec["counts"]
            else:
                assert parts[0] == "f" and len(parts) == 4, f"{doc_id}: bad figure tag {tag!r}"
                _, ftype, unit, raw = parts
                series, counts, unit = None, None, unit or None
            assert ftype in FIGURE_TYPES, f"{doc_id}: bad figure type {ftype!r}"
            value, approx = parse_value(raw)
            inside = [r for s, e, r in stmt_spans if s <= start and end <= e]
            figures.append(
                dict(
                    base,
                    value=value,
                    unit=unit,
                    type=ftype,
                    approx=approx,
                    counts=counts,
                    series=series,
                    published=published,
                    speaker=inside[0]["speaker"] if inside else None,
                )
            )
    return dict(statements=statements, beliefs=beliefs, figures=figures, non_figures=non_figures)


def build_articles() -> tuple[list[dict], list[dict]]:
    """Rendered JSONL records, plus the per-article annotations."""
    records, notes, seen = [], [], set()
    for a in sorted(ARTICLES, key=lambda a: (a["published"], a["outlet"])):
        name, base, curly = OUTLETS[a["outlet"]]
        doc_id = f"{a['outlet'].lower()}-{a['published'].replace('-', '')}"
        assert doc_id not in seen, f"duplicate id {doc_id}"
        seen.add(doc_id)
        title, title_marks = render(a["title"])
        text, text_marks = render(join_paragraphs(a["body"]))
        if curly:
            title, text = curl(title), curl(text)
        yyyy, mm, _ = a["published"].split("-")
        records.append(
            dict(
                id=doc_id,
                outlet=name,
                published=a["published"],
                title=title,
                text=text,
                url=f"{base}/{yyyy}/{mm}/{slugify(title)}",
                category=a["category"],
                meta={"fictional": True},
            )
        )
        note = annotate(
            doc_id, {"title": (title, title_marks), "text": (text, text_marks)}, a["published"]
        )
        notes.append(dict(note, id=doc_id, quiet=a["quiet"], curly=curly))
    return records, notes


# --------------------------------------------------------------------------------------------
# Checks: the sample must be what expected.json says it is
# --------------------------------------------------------------------------------------------


def check_statement(doc: dict, st: dict) -> None:
    field = doc[st["section"]]
    quote, start, end = st["quote"], st["start"], st["end"]
    assert quote in field and field[start:end] == quote, (
        f"{doc['id']}: quote not in {st['section']}"
    )
    assert quote == quote.strip() and quote, f"{doc['id']}: untrimmed quote {quote!r}"
    kind, where = st["kind"], f"{doc['id']}: {quote[:50]!r}"
    if kind == "headline":
        assert st["section"] == "title", where
        return
    assert st["section"] == "text", where
    if kind == "direct":
        assert field[start - 1] in OPEN_MARKS, f"{where} does not follow an opening mark"
        after = field[end : end + 2]
        assert after[:1] in CLOSE_MARKS or (after[:1] == "," and after[1:] in CLOSE_MARKS), (
            f"{where} is not followed by a closing mark"
        )
        assert "\n\n" not in quote or "multi_paragraph" in st["forms"], where
    elif kind == "mixed":
        assert any(c in quote for c in '"“”'), f"{where}: a mixed quote needs quoted words"
    elif kind == "indirect":
        assert quote[0] not in OPEN_MARKS and not quote.endswith("."), where


def check(records: list[dict], notes: list[dict]) -> None:
    by_id = {r["id"]: r for r in records}
    assert len(records) >= 72, len(records)
    assert len({r["outlet"] for r in records}) >= 5
    assert len({r["published"][:7] for r in records}) >= 14
    assert len({r["category"] for r in records}) >= 6
    for r in records:
        words = len(r["text"].split())
        assert 150 <= words <= 450, f"{r['id']}: {words} words"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"])
        assert "\n\n" in r["text"] and "\n\n\n" not in r["text"], r["id"]
    for n in notes:
        doc = by_id[n["id"]]
        straight, curly = (
            '"' in doc["text"] + doc["title"],
            any(c in doc["text"] + doc["title"] for c in "“”"),
        )
        assert not (straight and curly), f"{n['id']}: mixed quotation-mark styles"
        for st in n["statements"] + n["beliefs"]:
            check_statement(doc, st)
        if n["quiet"]:
            assert not n["statements"] and not n["beliefs"], n["id"]
            assert not straight and not curly, f"{n['id']}: quiet article has quotation marks"
            hit = SPEECH_WORDS.search(doc["text"])
            assert not hit, f"{n['id']}: quiet article contains {hit.group(0)!r}"
        else:
            assert n["statements"], f"{n['id']}: no annotated statement"
        for st in n["statements"]:
            sp = SPEAKERS[st["speaker_key"]]
            body = norm(doc["text"])
            names = [sp["name"]] + (sp["aliases"] if sp["kind"] == "org" else [])
            assert any(norm(x) in body for x in names), (
                f"{n['id']}: {sp['name']} quoted but never named in the text"
            )
    check_speakers(records, notes)
    check_series(notes)


def check_speakers(records: list[dict], notes: list[dict]) -> None:
    by_id = {r["id"]: r for r in records}
    corpus = norm(" ".join(r["title"] + " " + r["text"] for r in records))
    quoted_in = defaultdict(set)
    for n in notes:
        for st in n["statements"]:
            quoted_in[st["speaker_key"]].add(n["id"])
    for key, sp in SPEAKERS.items():
        if sp.get("only_in"):
            continue
        docs = quoted_in.get(key)
        assert docs, f"speaker {key} has no annotated statement"
        texts = [norm(by_id[d]["title"] + " " + by_id[d]["text"]) for d in docs]
        for alias in sp["aliases"]:
            assert any(norm(alias) in t for t in texts), f"alias {alias!r} of {key} never used"
        for role in sp["roles"]:
            assert norm(role) in corpus, f"role {role!r} of {key} never used"
    for a, b in SAME_SURNAME_PAIRS:
        na, nb = SPEAKERS[a]["name"], SPEAKERS[b]["name"]
        assert na.split()[-1] == nb.split()[-1], (na, nb)
        for r in records:
            assert not (na in r["text"] and nb in r["text"]), f"{r['id']}: both {na} and {nb}"
        assert quoted_in[a] and quoted_in[b] and not (quoted_in[a] & quoted_in[b])


def check_series(notes: list[dict]) -> None:
    for key, spec in SERIES.items():
        points = [f for n in notes for f in n["figures"] if f["series"] == key]
        assert len(points) >= 3, f"series {key} has {len(points)} points"
        assert all(f["speaker"] == SPEAKERS[spec["speaker"]]["name"] for f in points), (
            f"series {key}: a point is not inside a statement by {spec['speaker']}"
        )
        dates = [f["published"] for f in points]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), key


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


def build_extras() -> tuple[dict, dict]:
    """The three extra files (name -> content) and their expected answers."""
    files, answers = {}, {}

    def doc(spec: dict, name: str, curly: bool = False) -> tuple[str, dict]:
        text, marks = render(join_paragraphs(spec["body"]))
        if curly:
            text = curl(text)
        note = annotate(name, {"text": (text, marks)}, spec["published"])
        for st in note["statements"]:
            assert text[st["start"] : st["end"]] == st["quote"] and st["quote"] in text
        return text, note

    text, note = doc(BRIEFING, BRIEFING["file"])
    files[BRIEFING["file"]] = f"{BRIEFING['title']}\n\n{text}\n"
    answers[BRIEFING["file"]] = dict(
        title=BRIEFING["title"], published=BRIEFING["published"], **strip_ids(note)
    )

    text, note = doc(FEATURE, FEATURE["file"], curly=True)
    title = curl(FEATURE["title"])
    paras = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in text.split("\n\n"))
    files[FEATURE["file"]] = FEATURE_PAGE.format(
        title=html.escape(title),
        site=html.escape(FEATURE["outlet"]),
        url=FEATURE["url"],
        date=FEATURE["published"],
        author=html.escape(FEATURE["author"]),
        description=html.escape(FEATURE["description"]),
        paragraphs=paras,
    )
    answers[FEATURE["file"]] = dict(
        title=title,
        outlet=FEATURE["outlet"],
        published=FEATURE["published"],
        url=FEATURE["url"],
        text=text,
        **strip_ids(note),
    )

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "outlet", "published", "title", "text", "url", "category"])
    rows = []
    for spec in WIRE:
        text, note = doc(spec, spec["id"])
        writer.writerow(
            [
                spec["id"],
                spec["outlet"],
                spec["published"],
                spec["title"],
                text,
                spec["url"],
                spec["category"],
            ]
        )
        rows.append(
            dict(
                id=spec["id"],
                outlet=spec["outlet"],
                published=spec["published"],
                title=spec["title"],
                **strip_ids(note),
            )
        )
    files["wire.csv"] = buf.getvalue()
    answers["wire.csv"] = dict(rows=rows)
    return files, answers


def strip_ids(note: dict) -> dict:
    keep = ("quote", "speaker", "kind", "start", "end", "fragments")
    return dict(
        statements=[{k: st[k] for k in keep if k in st} for st in note["statements"]],
        figures=[
            {k: f[k] for k in ("surface", "value", "unit", "type", "approx", "speaker")}
            for f in note["figures"]
        ],
    )


FEATURE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | {site}</title>
  <meta name="date" content="{date}">
  <meta name="author" content="{author}">
  <meta name="description" content="{description}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="{site}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{date}T07:30:00Z">
  <link rel="canonical" href="{url}">
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
  <script src="/static/ads.js" async></script>
</head>
<body>
  <div class="cookie-banner">
    We use cookies to improve your experience. <button>Accept all</button>
  </div>
  <header class="masthead">
    <a class="logo" href="/">{site}</a>
    <nav>
      <ul>
        <li><a href="/politics">Politics</a></li>
        <li><a href="/conflict">Conflict</a></li>
        <li><a href="/economy">Economy</a></li>
        <li><a href="/science">Science</a></li>
        <li><a href="/sport">Sport</a></li>
        <li><a href="/subscribe">Subscribe for €1 a week</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article>
      <h1>{title}</h1>
      <p class="byline">By {author} · <time datetime="{date}">{date}</time></p>
{paragraphs}
    </article>
    <aside class="related">
      <h2>Read more</h2>
      <ul>
        <li><a href="/2026/01/peace-is-within-reach-marrow">Peace is within reach: Marrow</a></li>
        <li><a href="/2025/11/vastavia-norland-draw">Vastavia and Norland draw in first
          meeting since ceasefire</a></li>
      </ul>
    </aside>
  </main>
  <footer>
    <p>© 2026 {site}. A fictional outlet in quotedesk's sample data. All events are invented.</p>
  </footer>
  <script>document.querySelector(".cookie-banner button").onclick = function () {{}};</script>
</body>
</html>
"""


def build_expected(records: list[dict], notes: list[dict], extras: dict) -> dict:
    statements = [st for n in notes for st in n["statements"]]
    figures = [f for n in notes for f in n["figures"]]
    quoted_in: defaultdict[str, list[str]] = defaultdict(list)
    for st in statements:
        if st["article_id"] not in quoted_in[st["speaker_key"]]:
            quoted_in[st["speaker_key"]].append(st["article_id"])
    per_speaker = Counter(st["speaker_key"] for st in statements)
    speakers = {
        sp["name"]: dict(
            kind=sp["kind"],
            pronoun=sp["pronoun"],
            country=sp["country"],
            aliases=sp["aliases"],
            roles=sp["roles"],
            articles=quoted_in[key],
            min_statements=per_speaker[key],
            recurring=len(quoted_in[key]) >= 2,
            **({"only_in": sp["only_in"]} if sp.get("only_in") else {}),
        )
        for key, sp in SPEAKERS.items()
    }
    series = []
    for key, spec in SERIES.items():
        points = [
            dict(
                article_id=f["article_id"],
                published=f["published"],
                value=f["value"],
                surface=f["surface"],
                approx=f["approx"],
                start=f["start"],
                end=f["end"],
            )
            for f in figures
            if f["series"] == key
        ]
        series.append(
            dict(
                series=key,
                speaker=SPEAKERS[spec["speaker"]]["name"],
                counts=spec["counts"],
                type=spec["type"],
                unit=spec["unit"],
                points=points,
            )
        )
    dates = sorted(r["published"] for r in records)
    drop = ("speaker_key",)
    return dict(
        generated_by="data/make_sample.py",
        fictional=True,
        note=(
            "Every article, person, organisation, place and outlet here is invented by the "
            "quotedesk project. 'statements' is a hand-annotated subset, not every statement "
            "in the corpus, so speaker counts are minimums."
        ),
        articles=len(records),
        outlets=sorted({r["outlet"] for r in records}),
        articles_per_outlet=dict(sorted(Counter(r["outlet"] for r in records).items())),
        categories=dict(sorted(Counter(r["category"] for r in records).items())),
        date_range=[dates[0], dates[-1]],
        months=sorted({d[:7] for d in dates}),
        curly_quote_articles=[n["id"] for n in notes if n["curly"]],
        speakers=speakers,
        recurring_speakers=sorted(name for name, s in speakers.items() if s["recurring"]),
        same_surname_pairs=[
            [SPEAKERS[a]["name"], SPEAKERS[b]["name"]] for a, b in SAME_SURNAME_PAIRS
        ],
        figure_series=series,
        no_statement_articles=[n["id"] for n in notes if n["quiet"]],
        headline_attributions=[
            dict(
                article_id=st["article_id"],
                speaker=st["speaker"],
                quote=st["quote"],
                start=st["start"],
                end=st["end"],
            )
            for st in statements
            if st["kind"] == "headline"
        ],
        statements=[{k: v for k, v in st.items() if k not in drop} for st in statements],
        beliefs=[
            dict(article_id=b["article_id"], quote=b["quote"], start=b["start"], end=b["end"])
            for n in notes
            for b in n["beliefs"]
        ],
        figures=[{k: v for k, v in f.items() if k != "published"} for f in figures],
        non_figures=[nf for n in notes for nf in n["non_figures"]],
        extra_files=extras,
    )


README = """# The quotedesk sample corpus (fictional)

**Everything in this folder is fictional.** It was written by the quotedesk project for its
demo and tests. The countries, people, organisations, companies, towns, news outlets, events,
quotations and numbers are all invented. No text was copied from any real publication, and any
resemblance to real people or events is coincidental. Web addresses use the reserved
`.test` and `example.org` domains.

## What is in it

`articles.jsonl` holds {articles} short wire-style news articles, one JSON object per line
(`id`, `outlet`, `published`, `title`, `text`, `url`, `category`, `meta.fictional`).

- Outlets ({n_outlets}, all invented): {outlets}.
- Dates: {date_from} to {date_to} ({n_months} months).
- Categories ({n_categories}): {categories}.

Paragraphs are separated by a blank line. The Harbour Times and the Meridian Post use curly
quotation marks; the other outlets use straight ones.

The world: two neighbouring republics, **Norland** (capital Arvenholm; currency the dalen, NDL)
and **Vastavia** (capital Ostravel; uses the euro), dispute the **Greyfell corridor**. Over the
fifteen months a recruitment drive, a mine blast, a ceasefire (the Meridian Council's
Resolution 4417) and a summit in Dunmere unfold, alongside a pension reform, a dock strike, an
outbreak of "Vessa fever", floods, trials, research and football.

Speakers with annotated statements ({n_speakers}, of whom {n_recurring} recur across articles):

{speaker_lines}

Two different people share a surname on purpose: Judge **Anna Berg** and footballer **Lars
Berg** never appear in the same article, and each is later called just "Berg".

Figures that change over time (same speaker, same kind of figure, different dates):

{series_lines}

{n_quiet} articles contain no statements at all (purely descriptive reports).

## Known answers

`expected.json` is written by the same script from the same data, so it always agrees with the
text: article and outlet counts, date range, speakers with aliases and roles, the figure
series, headline attributions, beliefs, figures and non-figure numbers with character offsets,
and {n_statements} hand-annotated statements (`quote` is an exact substring of the article's
`text`, or of its `title` for headline attributions). The statements are a subset of all
statements in the corpus; `min_statements` is therefore a lower bound.

## Other input formats

`extra/` shows the other ingest paths on the same fictional world:

- `extra/briefing.txt` — a press briefing as plain text (title line, blank line, text);
- `extra/feature.html` — a feature page with `<title>`, `<meta name="date">`, `og:` tags,
  navigation, scripts and a cookie banner around the `<article>` body;
- `extra/wire.csv` — three short articles, header `id,outlet,published,title,text,url,category`.

## Regenerating

    python data/make_sample.py

The script uses only the Python standard library, is deterministic, checks its own output
(word counts, ids, quotation marks, that every annotated quote is a substring of its article)
and rewrites every file in this folder. Edit the articles in `data/make_sample.py`, not the
generated files.
"""


def build_readme(expected: dict) -> str:
    speaker_lines = []
    for name, s in expected["speakers"].items():
        sp = next(v for v in SPEAKERS.values() if v["name"] == name)
        role = ", ".join(sp["roles"][:1]) or "organisation"
        where = (
            f"quoted only in {sp['only_in']}"
            if sp.get("only_in")
            else f"{s['min_statements']} statements in {len(s['articles'])} "
            f"article{'s' if len(s['articles']) != 1 else ''}"
        )
        speaker_lines.append(f"- {name} ({role}; {sp['country'] or 'Meridian Council'}) — {where}")
    series_lines = [
        f"- {s['speaker']}, {s['counts']}: "
        + " → ".join(
            f"{'≈' if p['approx'] else ''}{p['surface']} ({p['published']})" for p in s["points"]
        )
        for s in expected["figure_series"]
    ]
    return README.format(
        articles=expected["articles"],
        n_outlets=len(expected["outlets"]),
        outlets=", ".join(expected["outlets"]),
        date_from=expected["date_range"][0],
        date_to=expected["date_range"][1],
        n_months=len(expected["months"]),
        n_categories=len(expected["categories"]),
        categories=", ".join(expected["categories"]),
        n_speakers=len(expected["speakers"]),
        n_recurring=len(expected["recurring_speakers"]),
        speaker_lines="\n".join(speaker_lines),
        series_lines="\n".join(series_lines),
        n_quiet=len(expected["no_statement_articles"]),
        n_statements=len(expected["statements"]),
    )


def write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def main() -> None:
    records, notes = build_articles()
    check(records, notes)
    extra_files, extra_answers = build_extras()
    expected = build_expected(records, notes, extra_answers)
    assert len(expected["recurring_speakers"]) >= 14, expected["recurring_speakers"]
    assert len(expected["statements"]) >= 40
    write(
        OUT / "articles.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    )
    write(OUT / "expected.json", json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    write(OUT / "README.md", build_readme(expected))
    for name, content in extra_files.items():
        write(OUT / "extra" / name, content)
    print(
        f"wrote {len(records)} articles from {len(expected['outlets'])} outlets, "
        f"{expected['date_range'][0]}..{expected['date_range'][1]} "
        f"({len(expected['months'])} months), {len(expected['speakers'])} speakers "
        f"({len(expected['recurring_speakers'])} recurring), "
        f"{len(expected['statements'])} annotated statements, "
        f"{len(expected['figure_series'])} figure series -> {OUT}"
    )


if __name__ == "__main__":
    main()
