#!/usr/bin/env python3
"""Probes of the language files: lines of furniture, written from how sites word it, cleaned alone.

Each file in `bench/probes/` holds lines (``language<TAB>line``, and ``<TAB>end`` for a line that
closes an article, ``<TAB>kept`` for one left on purpose) written from how news sites and blogs
word their furniture (share bars, paywalls, consent notices, comment forms, players, galleries,
bylines, credits, sign-offs), none taken from a corpus page. Each line is cleaned alone between
four body paragraphs of its language (or after them, for an ``end`` line), and the lines still in
the text are printed: either a gap in the language files, or a line left on purpose because it heads body text as often (the README,
"Languages"). Every line is cleaned twice: once by a fresh engine, and once after a warm-up of
250 articles, when each language's screen answers for the rules (`cleaner.patterns.Screen`), so
that a pattern the screen cuts wrong shows.

Usage (from the repository root)::

    python bench/probes.py                       # every round
    python bench/probes.py bench/probes/round-5.tsv
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cleaner import Cleaner

PROBES = Path(__file__).resolve().parent / "probes"
BODY = {
    'cs': (
        'Městské zastupitelstvo v úterý rozhodlo o stavbě nového mostu přes řeku po letech sporů mezi čtvrtěmi a obyvateli města.'
    ),
    'da': (
        'Byrådet besluttede tirsdag at bygge en ny bro over åen, efter flere års debat mellem bydelene og beboerne i byen.'
    ),
    'de': (
        'Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, nachdem jahrelang darüber gestritten wurde.'
    ),
    'en': (
        'The town council voted on Tuesday to build a new bridge over the river, ending a debate that had run for more than a decade.'
    ),
    'es': (
        'El ayuntamiento decidió el martes construir un nuevo puente sobre el río, después de años de debate entre los barrios de la ciudad.'
    ),
    'fi': (
        'Kaupunginvaltuusto päätti tiistaina rakentaa uuden sillan joen yli usean vuoden keskustelun jälkeen kaupunginosien ja asukkaiden kesken.'
    ),
    'fr': (
        'Le conseil municipal a décidé mardi de construire un nouveau pont sur la rivière, après des années de débat entre les quartiers.'
    ),
    'ja': (
        '市議会は火曜日、長年にわたる地域間の議論を経て、川に新しい橋を建設することを決めた。工事は来年春に始まる予定だ。'
    ),
    'it': (
        'Il consiglio comunale ha deciso martedì di costruire un nuovo ponte sul fiume, dopo anni di dibattito tra i quartieri della città.'
    ),
    'nb': (
        'Bystyret vedtok tirsdag å bygge en ny bro over elva, etter flere års debatt mellom bydelene og innbyggerne i byen.'
    ),
    'nl': (
        'De gemeenteraad heeft dinsdag besloten een nieuwe brug over de rivier te bouwen, na jaren van discussie tussen de wijken van de stad.'
    ),
    'pl': (
        'Rada miasta zdecydowała we wtorek o budowie nowego mostu na rzece, po latach sporów między dzielnicami miasta i mieszkańcami.'
    ),
    'pt': (
        'A câmara municipal decidiu na terça-feira construir uma nova ponte sobre o rio, depois de anos de debate entre os bairros da cidade.'
    ),
    'ru': (
        'Городской совет во вторник решил построить новый мост через реку после многолетних споров между районами города и жителями.'
    ),
    'sv': (
        'Kommunfullmäktige beslutade på tisdagen att bygga en ny bro över älven, efter flera års debatt mellan stadsdelarna och invånarna.'
    ),
    'tr': (
        'Belediye meclisi salı günü, mahalleler ve sakinler arasında yıllarca süren tartışmanın ardından nehir üzerine yeni bir köprü yapılmasına karar verdi.'
    ),
    'uk': (
        'Міська рада у вівторок вирішила збудувати новий міст через річку після багатьох років суперечок між районами, і роботи почнуться вже навесні.'
    ),
    'ar': (
        'قرر المجلس البلدي يوم الثلاثاء بناء جسر جديد فوق النهر بعد سنوات من الخلاف بين الأحياء، وقال إن العمل سيبدأ في الربيع وإن الجسر سيكون جاهزا خلال عامين.'
    ),
    'el': (
        'Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να χτίσει μια νέα γέφυρα πάνω από το ποτάμι, μετά από χρόνια διαφωνιών ανάμεσα στις γειτονιές της πόλης.'
    ),
    'ro': (
        'Consiliul local a decis marți să construiască un pod nou peste râu, după ani de dispute între cartiere, iar lucrările vor începe în primăvară.'
    ),
    'hu': (
        'A városi közgyűlés kedden úgy döntött, hogy új hidat épít a folyó fölé, miután évekig vitatkoztak róla a kerületek és a lakók.'
    ),
    'vi': (
        'Hội đồng thành phố hôm thứ Ba đã quyết định xây một cây cầu mới bắc qua sông sau nhiều năm tranh cãi giữa các khu phố và người dân.'
    ),
    'hi': (
        'नगर परिषद ने मंगलवार को नदी पर एक नया पुल बनाने का फैसला किया, जिस पर कई वर्षों से मोहल्लों और लोगों के बीच विवाद चल रहा था।'
    ),
    'he': (
        'מועצת העיר החליטה ביום שלישי לבנות גשר חדש מעל הנהר, לאחר שנים של מחלוקת בין השכונות והתושבים, והעבודות יתחילו באביב.'
    ),
    'fa': (
        'شورای شهر روز سه شنبه تصمیم گرفت که پس از سال ها اختلاف میان محله ها و ساکنان، یک پل تازه روی رودخانه بسازد و کار از بهار آغاز شود.'
    ),
    'id': (
        'Dewan kota memutuskan pada hari Selasa untuk membangun jembatan baru di atas sungai, setelah bertahun-tahun perdebatan antarwarga.'
    ),
    'ko': (
        '시의회는 화요일 수년간의 논쟁 끝에 강 위에 새 다리를 건설하기로 결정했다. 공사는 내년 봄에 시작될 예정이다.'
    ),
    'zh': (
        '市议会周二决定在河上修建一座新桥，结束了各城区之间多年的争论。工程预计明年春天开工，总投资约十亿元。'
    ),
}
"""A body paragraph in each probed language: the article around the probe, long enough to tell its language."""
WARM_UP = 250


@dataclass(frozen=True)
class Probe:
    language: str
    line: str
    at_end: bool = False
    """The line closes the article (``end``) rather than standing between body paragraphs."""
    on_purpose: bool = False
    """The line is left in the text on purpose (``kept``): its words head body text as often."""


def read_probes(files: list[Path]) -> list[Probe]:
    """The probe lines of the files: ``language<TAB>line``, then ``end`` or ``kept`` fields if any."""
    return [
        Probe(fields[0], fields[1], "end" in fields[2:], "kept" in fields[2:])
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
        for fields in [line.split("\t")]
    ]


def kept_lines(engine: Cleaner, probes: list[Probe]) -> list[tuple[str, str]]:
    """The probes still in the clean text."""
    kept = []
    for probe in probes:
        language, line, at_end = probe.language, probe.line, probe.at_end
        body = BODY[language]
        around = [body] * 4 + [line] if at_end else [body, body, line, body, body]
        article = engine.clean_text("\n\n".join(["Titel", *around]))
        if line.strip() in (text.strip() for text in article.text.split("\n")):
            kept.append((language, line))
    return kept


def warm(engine: Cleaner, probes: list[Probe]) -> None:
    """Clean enough articles in every language that the screens are compiled, then each probe once,
    so that the screens learn the vocabularies the rules ask about."""
    languages = sorted(BODY)
    for number in range(WARM_UP):
        body = BODY[languages[number % len(languages)]]
        engine.clean_text(f"Titel\n\n{body}\n\n{body}\n\nZeile {number}\n\n{body}")
    kept_lines(engine, probes)


def main(argv: list[str] | None = None) -> int:
    files = [Path(name) for name in (argv if argv is not None else sys.argv[1:])] or sorted(PROBES.glob("*.tsv"))
    probes = read_probes(files)
    on_purpose = {(probe.language, probe.line) for probe in probes if probe.on_purpose}
    cold = kept_lines(Cleaner.from_config(), probes)
    engine = Cleaner.from_config()
    warm(engine, probes)
    warmed = kept_lines(engine, probes)
    print(
        f"{len(probes)} probe lines; still in the text: {len(cold)} cold, {len(warmed)} warm "
        f"({len(on_purpose)} left on purpose)"
    )
    for kept in sorted(set(cold) | set(warmed), key=lambda kept: (kept in on_purpose, kept)):
        where = "both" if kept in cold and kept in warmed else "cold" if kept in cold else "warm"
        print(f"  {kept[0]}  {kept[1]}  ({where}{', on purpose' if kept in on_purpose else ''})")
    for language, line in sorted(on_purpose - set(cold) - set(warmed)):
        print(f"  {language}  {line}  (marked kept, but removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
