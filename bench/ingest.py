"""Ingest benchmark: documents per second, memory, and our readers against the libraries alone.

Generates N documents (Lithuanian and English, 300-1500 words, txt/html/docx/odt/pdf, written
with the same libraries users' tools use), then for each database in a fresh process: migrates
a new database, times the format libraries alone reading every file (the floor), times our
stages one by one over the same files (read, language, extract - with the index texts derived
from the drafts, as the command's workers do - and store in batches of ``--batch`` files per
transaction, as the command stores) and prints and writes the figures to
bench/results/ingest.json.

    .venv/bin/python bench/ingest.py                    # 2000 documents, SQLite and PostgreSQL
    .venv/bin/python bench/ingest.py --n 300 --database sqlite

Then, into fresh databases, it times the whole command as a user runs it, ``practicehub ingest
--jobs 1`` against ``--jobs <CPUs>`` (reading and extraction in worker processes).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("txt", "html", "docx", "odt", "pdf")
PG_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# --- Generated documents ------------------------------------------------------------------------
# Sentences are put together from a small domain vocabulary of our own, so the texts read like
# project descriptions (inflected Lithuanian included) without copying anyone's.

WORDS = {
    "lt": {
        "subject": ["Projektas", "Asociacija", "Savivaldybė", "Centras", "Iniciatyva", "Tinklas"],
        "verb": ["stiprina", "skatina", "remia", "plėtoja", "organizuoja", "įgyvendina"],
        "object": [
            "moterų lyderystę", "lygias galimybes", "migrantų integraciją", "bendradarbiavimą",
            "tarpkultūrinę kompetenciją", "jaunimo dalyvavimą", "pilietinę visuomenę",
        ],
        "place": [
            "savivaldybėse", "Kaune", "Vilniuje", "Šiauliuose", "regionuose", "mokyklose",
            "nevyriausybinėse organizacijose",
        ],
        "tail": [
            "kartu su partneriais", "pagal Europos integracijos fondo programą",
            "2019–2021 metais", "ypač dėmesį skiriant užsieniečiams", "su valstybės institucijomis",
        ],
        "headings": ["Tikslas", "Veiklos", "Tikslinė grupė", "Rezultatai", "Partneriai"],
    },
    "en": {
        "subject": [
            "The project", "The association", "The municipality", "The centre", "The network",
        ],
        "verb": ["strengthens", "promotes", "supports", "develops", "organises", "implements"],
        "object": [
            "women's leadership", "equal opportunities", "the integration of migrants",
            "cooperation", "intercultural competence", "youth participation", "civil society",
        ],
        "place": [
            "in municipalities", "in Kaunas", "in Vilnius", "in rural regions", "in schools",
            "in non-governmental organisations",
        ],
        "tail": [
            "together with its partners", "under the European Integration Fund",
            "from 2019 to 2021", "with particular attention to third-country nationals",
            "with state institutions",
        ],
        "headings": ["Aim", "Activities", "Target group", "Results", "Partners"],
    },
}  # fmt: skip


def sentence(rng: random.Random, lang: str) -> str:
    w = WORDS[lang]
    parts = [rng.choice(w["subject"]), rng.choice(w["verb"]), rng.choice(w["object"])]
    parts.append(rng.choice(w["place"]))
    if rng.random() < 0.6:
        parts.append(rng.choice(w["tail"]))
    return " ".join(parts) + "."


def document_content(rng: random.Random, lang: str) -> list[tuple[str, object]]:
    """(kind, text) parts: a title, then sections with paragraphs, a list, sometimes a table."""
    target = rng.randint(300, 1500)
    words = 0
    content: list[tuple[str, object]] = [("title", " ".join(sentence(rng, lang).split()[:6]))]
    headings = WORDS[lang]["headings"]
    section = 0
    while words < target:
        content.append(("h1", f"{section + 1}. {headings[section % len(headings)]}"))
        section += 1
        for _ in range(rng.randint(1, 3)):
            text = " ".join(sentence(rng, lang) for _ in range(rng.randint(3, 8)))
            content.append(("p", text))
            words += len(text.split())
        for _ in range(rng.randint(0, 4)):
            text = sentence(rng, lang)
            content.append(("bullet", text))
            words += len(text.split())
        if rng.random() < 0.3:
            rows = [[rng.choice(WORDS[lang]["subject"]), sentence(rng, lang)] for _ in range(3)]
            content.append(("table", rows))
            words += sum(len(c.split()) for row in rows for c in row)
    return content


def write_txt(content) -> bytes:
    lines = []
    for kind, text in content:
        if kind == "table":
            lines.extend("\t".join(row) for row in text)
        else:
            lines.append(f"- {text}" if kind == "bullet" else text)
        if kind in ("title", "h1", "p"):
            lines.append("")
    return "\n".join(lines).encode()


def write_html(content) -> bytes:
    from html import escape

    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Projektas</title></head>"]
    out.append("<body><nav><ul><li><a href='/'>Pradžia</a></li></ul></nav><main>")
    in_list = False
    for kind, text in content:
        if kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "title":
            out.append(f"<h1>{escape(text)}</h1>")
        elif kind == "h1":
            out.append(f"<h2>{escape(text)}</h2>")
        elif kind == "p":
            out.append(f"<p>{escape(text)}</p>")
        elif kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{escape(text)}</li>")
        elif kind == "table":
            cells = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in text
            )
            out.append(f"<table>{cells}</table>")
    out.append("</ul>" if in_list else "")
    out.append("</main><footer>© Centras</footer></body></html>")
    return "".join(out).encode()


def write_docx(content) -> bytes:
    import docx

    document = docx.Document()
    for kind, text in content:
        if kind == "title":
            document.add_heading(text, 0)
        elif kind == "h1":
            document.add_heading(text, 1)
        elif kind == "p":
            document.add_paragraph(text)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "table":
            table = document.add_table(rows=len(text), cols=len(text[0]))
            for r, row in enumerate(text):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_odt(content) -> bytes:
    from odf import table as T
    from odf import text as X
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    bullets = X.ListStyle(name="Bullets")
    bullets.addElement(X.ListLevelStyleBullet(level=1, bulletchar="•"))
    document.automaticstyles.addElement(bullets)
    current = None
    for kind, text in content:
        if kind != "bullet":
            current = None
        if kind in ("title", "h1"):
            document.text.addElement(X.H(outlinelevel=1 if kind == "title" else 2, text=text))
        elif kind == "p":
            document.text.addElement(X.P(text=text))
        elif kind == "bullet":
            if current is None:
                current = X.List(stylename=bullets)
                document.text.addElement(current)
            item = X.ListItem()
            item.addElement(X.P(text=text))
            current.addElement(item)
        elif kind == "table":
            table = T.Table()
            for row in text:
                tr = T.TableRow()
                table.addElement(tr)
                for value in row:
                    cell = T.TableCell()
                    cell.addElement(X.P(text=value))
                    tr.addElement(cell)
            document.text.addElement(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_pdf(content) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Sans", "", str(FONT))
    pdf.add_font("Sans", "B", str(FONT.with_name("DejaVuSans-Bold.ttf")))
    pdf.add_page()
    for kind, text in content:
        if kind in ("title", "h1"):
            pdf.set_font("Sans", "B", 16 if kind == "title" else 13)
            pdf.multi_cell(0, 8, text, align="L")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("Sans", "", 10)
            for row in text:
                pdf.multi_cell(0, 5, "    ".join(row), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        else:
            pdf.set_font("Sans", "", 11)
            pdf.multi_cell(0, 6, f"- {text}" if kind == "bullet" else text, align="L")
            pdf.ln(3 if kind == "p" else 0)
    return bytes(pdf.output())


WRITERS = {
    "txt": write_txt,
    "html": write_html,
    "docx": write_docx,
    "odt": write_odt,
    "pdf": write_pdf,
}


def generate(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        fmt = FORMATS[i % len(FORMATS)]
        lang = "lt" if (i // len(FORMATS)) % 2 == 0 else "en"
        data = WRITERS[fmt](document_content(rng, lang))
        (folder / f"{i:05d}-{lang}.{fmt}").write_bytes(data)


# --- The libraries alone ------------------------------------------------------------------------


def library_read(fmt: str, data: bytes) -> int:
    """Read ``data`` with the format's library the plainest way; returns characters of text."""
    if fmt == "txt":
        return len(data.decode("utf-8"))
    if fmt == "html":
        from selectolax.lexbor import LexborHTMLParser

        return len(LexborHTMLParser(data.decode("utf-8")).body.text())
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        return sum(len(p.text) for p in document.paragraphs)
    if fmt == "odt":
        from odf import teletype
        from odf import text as X
        from odf.opendocument import load

        document = load(io.BytesIO(data))
        return sum(
            len(teletype.extractText(el))
            for el in document.getElementsByType(X.P) + document.getElementsByType(X.H)
        )
    if fmt == "pdf":
        from pypdf import PdfReader

        return sum(len(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages)
    raise ValueError(fmt)


# --- One database, in a process of its own ------------------------------------------------------


def run_database(folder: Path, database: str, repeat: int, batch: int | None) -> dict:
    """Runs in a child process whose DATABASE_URL points at a fresh database."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from practicehub.catalogue.models import Record
    from practicehub.documents import pipeline

    batch = batch or pipeline.BATCH_FILES
    files = sorted(folder.iterdir())
    blobs = {path: path.read_bytes() for path in files}
    fmt_of = {path: path.suffix.lstrip(".") for path in files}

    # Warm the caches each side would have in a long run (imports, language model).
    for fmt in FORMATS:
        path = next(p for p in files if fmt_of[p] == fmt)
        library_read(fmt, blobs[path])
        pipeline.languages(pipeline.read(pipeline.incoming_from_bytes(
            blobs[path], filename=path.name, source="warm-up")))  # fmt: skip

    # Reading only (no database), repeated: the library floor and our readers + language,
    # interleaved file by file so that other load on the machine weighs on both alike. CPU time
    # of this process, as reading is pure computation; the database stages are timed by the clock.
    library_runs, read_runs, language_runs = [], [], []
    for _ in range(repeat):
        library, read, language = (dict.fromkeys(FORMATS, 0.0) for _ in range(3))
        for path in files:
            fmt = fmt_of[path]
            t0 = time.process_time()
            library_read(fmt, blobs[path])
            t1 = time.process_time()
            incoming = pipeline.incoming_from_bytes(blobs[path], filename=path.name, source="")
            result = pipeline.read(incoming)
            t2 = time.process_time()
            pipeline.languages(result)
            t3 = time.process_time()
            library[fmt] += t1 - t0
            read[fmt] += t2 - t1
            language[fmt] += t3 - t2
        library_runs.append(library)
        read_runs.append(read)
        language_runs.append(language)

    # The whole pipeline once, into the fresh database, stage by stage. Stored as the command
    # stores, ``batch`` files per transaction; the files go format by format, so that each
    # batch's time is one format's.
    stages = {
        s: dict.fromkeys(FORMATS, 0.0) for s in ("load", "read", "language", "extract", "store")
    }
    wall_start = time.perf_counter()
    stored = 0
    ordered = sorted(files, key=lambda p: (FORMATS.index(fmt_of[p]), p.name))
    for start in range(0, len(ordered), batch):
        chunk, prepared = ordered[start : start + batch], []
        for path in chunk:
            fmt = fmt_of[path]
            t0 = time.perf_counter()
            incoming = pipeline.load(path)
            t1 = time.perf_counter()
            result = pipeline.read(incoming)
            t2 = time.perf_counter()
            info = pipeline.languages(result)
            t3 = time.perf_counter()
            drafts = pipeline.extract(result, info)
            # The index texts and passages, as the workers of ``ingest --jobs`` derive them
            # from the drafts: timed with extraction, so the store stage is the storing
            # process's own work, as in the command.
            derived = [pipeline.derive(d) for d in drafts]
            t4 = time.perf_counter()
            prepared.append(pipeline.Prepared(incoming, result, info, drafts, derived))
            for stage, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=False):
                stages[stage][fmt] += seconds
        t0 = time.perf_counter()
        outcomes = pipeline.store(prepared, status=Record.Status.PUBLISHED)
        seconds = time.perf_counter() - t0
        stored += sum(o.status == "stored" for o in outcomes)
        for path in chunk:
            stages["store"][fmt_of[path]] += seconds / len(chunk)
    wall = time.perf_counter() - wall_start

    counts = {fmt: sum(1 for p in files if fmt_of[p] == fmt) for fmt in FORMATS}
    median = {
        name: {fmt: statistics.median(run[fmt] for run in runs) for fmt in FORMATS}
        for name, runs in (
            ("library", library_runs),
            ("read", read_runs),
            ("language", language_runs),
        )
    }
    per_format = {}
    for fmt in FORMATS:
        library = median["library"][fmt]
        read = median["read"][fmt]
        language = median["language"][fmt]
        store = stages["store"][fmt]
        whole = sum(stages[s][fmt] for s in stages)
        per_format[fmt] = {
            "documents": counts[fmt],
            "library_ms_per_doc": 1000 * library / counts[fmt],
            "read_ms_per_doc": 1000 * read / counts[fmt],
            "language_ms_per_doc": 1000 * language / counts[fmt],
            "extract_ms_per_doc": 1000 * stages["extract"][fmt] / counts[fmt],
            "store_ms_per_doc": 1000 * store / counts[fmt],
            "pipeline_ms_per_doc": 1000 * whole / counts[fmt],
            "documents_per_s": counts[fmt] / whole,
            "ratio_read": read / library,
            "ratio_read_language": (read + language) / library,
            "ratio_read_language_store": (read + language + store) / library,
            # PRODUCT.md's bar: the whole keyword ingest (extraction included) against the
            # libraries alone.
            "ratio_whole": (read + language + stages["extract"][fmt] + store) / library,
        }
    library_total = sum(median["library"].values())
    read_total = sum(median["read"].values())
    language_total = sum(median["language"].values())
    store_total = sum(stages["store"].values())
    extract_total = sum(stages["extract"].values())
    return {
        "database": database,
        "batch": batch,
        "documents": len(files),
        "stored": stored,
        "documents_per_s": len(files) / wall,
        "read_language_store_documents_per_s": len(files)
        / (read_total + language_total + store_total),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ratio_read": read_total / library_total,
        "ratio_read_language": (read_total + language_total) / library_total,
        "ratio_read_language_store": (read_total + language_total + store_total) / library_total,
        "ratio_whole": (read_total + language_total + extract_total + store_total) / library_total,
        "stage_seconds": {stage: sum(v.values()) for stage, v in stages.items()},
        "per_format": per_format,
    }


def child(folder: Path, database: str, repeat: int, batch: int | None, url: str) -> dict:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="practicehub.settings")
    env["PRACTICEHUB_DATA_DIR"] = str(folder.parent / f"data-{database}")
    command = [sys.executable, __file__, "--child", str(folder), "--database", database]
    command += ["--repeat", str(repeat)] + (["--batch", str(batch)] if batch else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {database} run failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def command_run(folder: Path, database: str, jobs: int, batch: int) -> dict:
    """`practicehub ingest --jobs J` as a user runs it, into a fresh database: the whole path,
    worker start-up included (migrating and the language model's one-time unpacking are not
    timed)."""
    data = folder.parent / f"data-command-{database}-{jobs}"
    if database == "sqlite":
        url, drop = f"sqlite:///{data / 'bench.sqlite3'}", (lambda: None)
    else:
        url, drop = postgres_database(f"practicehub_bench_{os.getpid()}_jobs{jobs}")
    env = dict(os.environ, DATABASE_URL=url, PRACTICEHUB_DATA_DIR=str(data))
    practicehub = [sys.executable, "-m", "practicehub"]
    try:
        subprocess.run([*practicehub, "migrate", "-v0"], env=env, check=True)
        # As in a data folder in use: the language model unpacked into its cache once, untimed.
        warm = "import django; django.setup(); from practicehub.documents import language as l"
        warm += "; l.detect_language('warm')"
        env["DJANGO_SETTINGS_MODULE"] = "practicehub.settings"
        subprocess.run([sys.executable, "-c", warm], env=env, check=True)
        start = time.perf_counter()
        subprocess.run(
            [*practicehub, "ingest", "--quiet", "--jobs", str(jobs), "--batch", str(batch),
             str(folder)],
            env=env, check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        seconds = time.perf_counter() - start
    finally:
        drop()
        shutil.rmtree(data, ignore_errors=True)
    documents = sum(1 for _ in folder.iterdir())
    return {
        "jobs": jobs,
        "batch": batch,
        "seconds": seconds,
        "documents_per_s": documents / seconds,
    }


def postgres_database(name: str = "") -> tuple[str, callable]:
    import psycopg

    name = name or f"practicehub_bench_{os.getpid()}"
    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(PG_SERVER, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return PG_SERVER.rsplit("/", 1)[0] + f"/{name}", drop


def report(run: dict) -> None:
    print(
        f"\n== {run['database']}: {run['documents']} documents, {run['stored']} stored "
        f"({run['batch']} files per transaction), "
        f"{run['documents_per_s']:.1f} documents/s (whole pipeline), "
        f"{run['read_language_store_documents_per_s']:.1f} documents/s (read+language+store), "
        f"peak RSS {run['peak_rss_mb']:.0f} MB"
    )
    print(
        f"   ratio to the libraries alone: read {run['ratio_read']:.2f}x, "
        f"read+language {run['ratio_read_language']:.2f}x, "
        f"read+language+store {run['ratio_read_language_store']:.2f}x, "
        f"whole (extraction included) {run['ratio_whole']:.2f}x"
    )
    for c in run.get("command", []):
        print(
            f"   practicehub ingest --jobs {c['jobs']} --batch {c['batch']}: "
            f"{c['documents_per_s']:.1f} documents/s "
            f"({c['seconds']:.1f} s, worker start-up included)"
        )
    print(
        "   format  docs  library  read  language  extract  store  (ms/doc)   docs/s  "
        "read/lib  +lang  +store  whole"
    )
    for fmt, f in run["per_format"].items():
        print(
            f"   {fmt:<6} {f['documents']:>5} {f['library_ms_per_doc']:>8.2f} "
            f"{f['read_ms_per_doc']:>5.2f} {f['language_ms_per_doc']:>9.2f} "
            f"{f['extract_ms_per_doc']:>8.2f} {f['store_ms_per_doc']:>6.2f} "
            f"{f['documents_per_s']:>17.1f} {f['ratio_read']:>9.2f} "
            f"{f['ratio_read_language']:>6.2f} {f['ratio_read_language_store']:>7.2f}"
            f" {f['ratio_whole']:>6.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="documents to generate (default 2000)")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of the read timings")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--batch", type=int, default=None, help="files per transaction (default: the command's)"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_database(args.child, args.database, args.repeat, args.batch)))
        return

    if not FONT.is_file():
        raise SystemExit(
            f"{FONT} is missing: install fonts-dejavu-core (scripts/install.sh --test)"
        )
    workdir = Path(tempfile.mkdtemp(prefix="practicehub-bench-"))
    try:
        folder = workdir / "documents"
        folder.mkdir()
        start = time.perf_counter()
        generate(folder, args.n, args.seed)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"generated {args.n} documents ({size / 2**20:.1f} MB) in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
        runs = []
        for database in ("sqlite", "postgres") if args.database == "both" else (args.database,):
            if database == "sqlite":
                url = f"sqlite:///{workdir / 'bench.sqlite3'}"
                runs.append(child(folder, database, args.repeat, args.batch, url))
            else:
                url, drop = postgres_database()
                try:
                    runs.append(child(folder, database, args.repeat, args.batch, url))
                finally:
                    drop()
            cpus = len(os.sched_getaffinity(0))
            runs[-1]["command"] = [
                command_run(folder, database, j, runs[-1]["batch"]) for j in sorted({1, cpus})
            ]
            report(runs[-1])
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(
            json.dumps(
                {
                    "n": args.n,
                    "seed": args.seed,
                    "repeat": args.repeat,
                    "batch": runs[0]["batch"],
                    "runs": runs,
                },
                indent=2,
            )
        )
        print(f"\nwritten to {args.output}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
