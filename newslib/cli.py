"""Command line: ``python -m newslib {parse,quotes,features,run} ...``.

Output contract (other tools read it):

- ``parse PATH...``: one JSON object per article per line: ``path``, ``id``, ``date`` (ISO or
  null), ``paragraphs``, ``sentences`` (``text``, ``start``, ``end``, ``paragraph``),
  ``warnings``.
- ``quotes PATH...``: one JSON object per quotation per line: ``path``, ``paragraph``,
  ``start``, ``end``, ``text`` (without quote marks), ``speaker``, ``cue``, ``in_headline``
  (headline quotations: ``paragraph`` -1, offsets into the title, never a speaker).
- Unusable input, or an article whose analysis failed: ``newslib: <path>: <what is wrong>``
  on stderr, one line each, after the usable inputs have been processed; exit status 2.
  Warnings go to stderr as ``newslib: warning: <path>: <message>`` and do not change the exit
  status. No command ends in a traceback.
- Every message is one line: control characters of a path, id or text in it are escaped
  (:func:`printable`); in the JSON Lines they are ``\\uXXXX`` escapes.
- Ctrl-C: ``newslib: interrupted``, exit status 130, no partial output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import warnings
from collections.abc import Callable

from newslib.articles import Article, ArticleError, _one_line, iter_articles

EXIT_BAD_INPUT = 2

#: What a terminal acts on instead of showing: C0 and C1 controls and DEL (a newline that
#: starts a line of its own, an escape sequence that recolours or retitles the terminal), the
#: Unicode line and paragraph separators, the bidirectional embeddings, overrides and isolates
#: (which reorder what is shown) and unpaired surrogates (undecodable bytes of a file name).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as its escape.

    A file named ``"a\\nnewslib: b.txt"`` is shown as ``a\\nnewslib: b.txt`` on one line, an
    escape sequence as ``\\x1b[31m``, a right-to-left override as ``\\u202e``: one message
    stays one line and shows the name as it is. Other text is unchanged (backslashes too, so
    Windows paths read as usual).

    Examples
    --------
    >>> printable("b\\nnewslib: fake.txt")
    'b\\\\nnewslib: fake.txt'
    """
    return _UNPRINTABLE.sub(_escape, text)


def _say(line: str, *, file=None) -> None:
    """Print one line of newslib's (an error, a warning, progress) on stderr, or ``file``,
    with the control characters of any path, id or text in it escaped."""
    print(printable(line), file=file if file is not None else sys.stderr)


def _emit(record: dict) -> None:
    """One JSON object per line. JSON escapes C0 controls itself; the other characters a
    terminal acts on, or that split lines for ``str.splitlines``, are written as ``\\uXXXX``
    too (the same string to any JSON reader)."""
    line = json.dumps(record, ensure_ascii=False)
    sys.stdout.write(_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")


#: Warning lines shown per article; a text of 300,000 stray quote marks would print as many.
MAX_WARNINGS_SHOWN = 20


def _warn(article: Article) -> None:
    from newslib.quotes import all_warnings

    messages = all_warnings(article)
    for message in messages[:MAX_WARNINGS_SHOWN]:
        _say(f"newslib: warning: {article.source}: {message}")
    hidden = len(messages) - MAX_WARNINGS_SHOWN
    if hidden > 0:
        _say(f"newslib: warning: {article.source}: {hidden:,} more warning(s) not shown")


def _parse_record(article: Article) -> dict:
    from newslib.quotes import all_warnings

    return {
        "path": article.source,
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "paragraphs": [p.text for p in article.paragraphs],
        "sentences": [
            {"text": s.text, "start": s.start, "end": s.end, "paragraph": s.paragraph}
            for s in article.sentences
        ],
        "warnings": all_warnings(article),
    }


def _quote_records(article: Article) -> list[dict]:
    from newslib.quotes import quotes

    table = quotes(article)
    return [
        {
            "path": article.source,
            "paragraph": int(row.paragraph),
            "start": int(row.start),
            "end": int(row.end),
            "text": row.text,
            "speaker": row.speaker if isinstance(row.speaker, str) else None,
            "cue": row.cue if isinstance(row.cue, str) else None,
            "in_headline": bool(row.in_headline),
        }
        for row in table.itertuples()
    ]


def _per_article(paths: list[str], handle: Callable[[Article], None]) -> int:
    errors: list[ArticleError] = []
    for article in iter_articles(paths, errors=errors):
        try:
            handle(article)
        except BrokenPipeError:
            raise
        except Exception as error:  # never a traceback for one bad article
            errors.append(ArticleError(article.source,
                                       f"could not be analysed ({_one_line(error)})"))
            continue
        _warn(article)
    for error in errors:
        _say(f"newslib: {error}")
    return EXIT_BAD_INPUT if errors else 0


def cmd_parse(args: argparse.Namespace) -> int:
    return _per_article(args.paths, lambda a: _emit(_parse_record(a)))


def cmd_quotes(args: argparse.Namespace) -> int:
    def handle(article: Article) -> None:
        for record in _quote_records(article):
            _emit(record)

    return _per_article(args.paths, handle)


def cmd_features(args: argparse.Namespace) -> int:
    from newslib.corpus import check_output, corpus_features, write_table

    if not args.output.lower().endswith((".csv", ".parquet")):
        _say(f"newslib: {args.output}: the output must end in .csv or .parquet")
        return EXIT_BAD_INPUT
    try:
        check_output(args.output, args.paths)
    except ValueError as error:
        _say(f"newslib: {error}")
        return EXIT_BAD_INPUT
    errors: list[ArticleError] = []
    table = corpus_features(args.paths, errors=errors, n_jobs=args.jobs,
                            cache_dir=None if args.no_cache else args.cache,
                            progress=False if args.quiet else None)
    try:
        write_table(table, args.output)
    except (OSError, ValueError, ImportError) as error:
        for problem in errors:
            _say(f"newslib: {problem}")
        _say(f"newslib: {args.output}: cannot write ({_one_line(error)}); nothing written")
        return 1
    for error in errors:
        _say(f"newslib: {error}")
    warned = int((table["warnings"] > 0).sum()) if "warnings" in table else 0
    if warned:  # one line, not one per article: a corpus without dates would print thousands
        _say(f"newslib: warning: {warned:,} article(s) have warnings (counted in the 'warnings' "
              "column; 'python -m newslib parse PATH' lists them)")
    if not args.quiet:
        _say(f"newslib: wrote {len(table)} article(s) to {args.output}")
    return EXIT_BAD_INPUT if errors else 0


def _check_run_data(data: str) -> tuple[int, list[ArticleError]]:
    """(usable articles, unusable inputs) of the run's data, read before any notebook starts."""
    errors: list[ArticleError] = []
    usable = sum(1 for _ in iter_articles(data, errors=errors))
    return usable, errors


def cmd_run(args: argparse.Namespace) -> int:
    from newslib.parameters import check_values
    from newslib.report import NotebookFailed, parse_parameter, run_notebooks

    try:  # a wrong value fails now, not in a notebook minutes later
        parameters = check_values(dict(parse_parameter(text) for text in args.parameter))
    except ValueError as error:
        _say(f"newslib: {error}")
        return EXIT_BAD_INPUT
    usable, unusable = _check_run_data(args.data)
    for problem in unusable:
        _say(f"newslib: {problem}")
    if not usable:
        _say(f"newslib: {args.data}: no usable articles; no report was made")
        return EXIT_BAD_INPUT
    try:
        pages = run_notebooks(args.data, args.out, notebooks_dir=args.notebooks,
                              focus_id=args.focus, n_jobs=args.jobs, parameters=parameters,
                              cache_dir=args.cache)
    except NotebookFailed as error:
        _say(f"newslib: {error}")
        return 1
    except (FileNotFoundError, ValueError) as error:
        _say(f"newslib: {error}")
        return EXIT_BAD_INPUT
    _say(f"newslib: {len(pages)} reports in {args.out}/ (open {args.out}/index.html)")
    if unusable:
        _say(f"newslib: {len(unusable)} unusable input(s) left out (listed above)")
        return EXIT_BAD_INPUT
    return 0


def cmd_evaluate_tone(args: argparse.Namespace) -> int:
    from newslib.validation import LabelError, evaluate_tone, format_evaluation, read_labelled

    status = 0
    for path in args.files:
        try:
            units = read_labelled(path)
        except LabelError as error:
            _say(f"newslib: {error}")
            status = EXIT_BAD_INPUT
            continue
        labelled = sum(1 for u in units if u.get("label"))
        if not labelled:
            _say(f"newslib: {path}: no labelled units")
            status = EXIT_BAD_INPUT
            continue
        table = evaluate_tone(units, samples=args.samples, seed=args.seed)
        for line in format_evaluation(table, title=f"{path}: {labelled} labelled units"
                                      ).splitlines():
            _say(line, file=sys.stdout)
    return status


def cmd_sample(args: argparse.Namespace) -> int:
    from newslib.corpus import check_output, write_table
    from newslib.validation import sample

    units = [u.strip() for u in args.units.split(",") if u.strip()]
    if not set(units) <= {"sentence", "quote", "mention"} or not units:
        _say(f"newslib: --units {args.units}: use sentence, quote, mention")
        return EXIT_BAD_INPUT
    if not args.output.lower().endswith(".csv"):
        _say(f"newslib: {args.output}: the output must end in .csv")
        return EXIT_BAD_INPUT
    try:
        check_output(args.output, args.paths)
    except ValueError as error:
        _say(f"newslib: {error}")
        return EXIT_BAD_INPUT
    errors: list[ArticleError] = []
    table = sample(iter_articles(args.paths, errors=errors), size=args.size, units=units,
                   seed=args.seed)
    try:
        write_table(table, args.output)
    except (OSError, ValueError) as error:
        _say(f"newslib: {args.output}: cannot write ({error})")
        return 1
    for error in errors:
        _say(f"newslib: {error}")
    _say(f"newslib: wrote {len(table)} unit(s) to {args.output}; fill in the label column "
          "(negative, neutral, positive) and run: python -m newslib evaluate tone "
          f"{args.output}")
    return EXIT_BAD_INPUT if errors else 0


RUN_EXAMPLES = """examples:
  python -m newslib run                                   # the seed: data/articles -> reports/
  python -m newslib run --data my_articles --out my_reports --focus 003_nato
  python -m newslib run --data corpus.jsonl -p GROUP_BY=category -p N_TOPICS=8
  python -m newslib run -p KEY_TERMS='["troops","Kremlin"]'

-p NAME=VALUE sets a name of a notebook's parameters cell (the first code cell): the value is
read as JSON (numbers, lists in double quotes, null, true) and otherwise taken as a string.
Each value is checked before any notebook starts:
{parameters}
"""


EVALUATE_QUOTES_HELP = """\
Compare newslib's quotations and speakers with a hand-annotated gold file and print
quotation precision, recall and F1, speaker accuracy (over matched quotations), cue accuracy
and the failures (text, expected, got).

Gold: {"articles": {ID: {"path", "quotes": [...]}}} or {FILE: {"quotes": [...]}}; each quote
has "text", "speaker", optional "speaker_alt" (list), "cue", "paragraph" (0-based in the body,
headline excluded). Article paths are relative to the gold file's folder or its parent.

Matching: texts are normalised (quote marks at the ends and paragraph re-opening marks removed,
white space collapsed, case folded). A gold unit matches a predicted speech quotation (kind full
or partial, body only) whose whole text or one of whose paragraph spans is the same text, in the
same paragraph when given; so one predicted quotation may cover several gold units of a
quotation that runs over paragraphs. Predicted speech matching no gold unit (a scare quote,
title, or headline quote taken as speech) is a false positive.

Speakers: equal to the gold speaker or a speaker_alt after case and white-space
normalisation, otherwise exactly: the full name as the gold gives it ("Mr Smith" or "Smith"
for "John Smith" is wrong). A gold bare pronoun (he, she, ...) is compared with the pronoun
as written. Cues: the reporting verb as written, case-normalised; null = no cue.
"""


def cmd_evaluate_quotes(args: argparse.Namespace) -> int:
    from newslib.evaluate import evaluate_quotes, format_report

    result = evaluate_quotes(args.gold)
    for line in format_report(result, failures=args.failures).splitlines():
        _say(line, file=sys.stdout)
    for error in result.errors:
        _say(f"newslib: {error}")
    return EXIT_BAD_INPUT if result.errors else 0


def _jobs(text: str) -> int:
    """``-j N``: 1 or more worker processes, or -1 for one per core."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1 and jobs != -1:
        raise argparse.ArgumentTypeError(f"{text!r}: use 1 or more worker processes, or -1 for "
                                         "one per core")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    from newslib import __version__
    from newslib.parameters import parameters_help

    parser = argparse.ArgumentParser(
        prog="newslib", description="Word usage, rhetoric and tone in news articles."
    )
    parser.add_argument("--version", action="version", version=f"newslib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="paragraphs and sentences as JSON Lines")
    parse.add_argument("paths", nargs="+", help="article files, folders, CSV or JSON Lines")
    parse.set_defaults(func=cmd_parse)

    quote = commands.add_parser("quotes", help="quotations and speakers as JSON Lines")
    quote.add_argument("paths", nargs="+", help="article files, folders, CSV or JSON Lines")
    quote.set_defaults(func=cmd_quotes)

    feature = commands.add_parser(
        "features", help="one row of summary features per article, to CSV or Parquet")
    feature.add_argument("paths", nargs="+", help="article files, folders, CSV or JSON Lines")
    feature.add_argument("-o", "--output", required=True, help="OUT.csv or OUT.parquet")
    feature.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                         help="worker processes (default 1; -1 = one per core); never more "
                              "than the cores, nor than the articles")
    feature.add_argument("--cache", default="user",
                         help="folder for per-article results (default: your own cache folder, "
                              "e.g. ~/.cache/newslib; see the README on sharing one)")
    feature.add_argument("--no-cache", action="store_true", help="compute everything afresh")
    feature.add_argument("-q", "--quiet", action="store_true",
                         help="no progress bar (shown by default above 20 articles)")
    feature.set_defaults(func=cmd_features)

    run = commands.add_parser(
        "run", help="execute every notebook and write HTML reports",
        description="Execute the notebooks (notebooks/NN_*.ipynb) in order, in one kernel, on a\n"
                    "folder or table of articles. Each is written as an executed notebook and an\n"
                    "HTML page that renders offline, with features.csv and index.html. Paths in\n"
                    "the reports are relative to the project folder.",
        epilog=RUN_EXAMPLES.format(parameters=parameters_help()),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("--data", default="data/articles",
                     help="folder of articles, or one CSV / JSON Lines file (default data/articles)")
    run.add_argument("--out", default="reports", help="output folder (default reports)")
    run.add_argument("--focus", default=None,
                     help="id of the article to focus on (default: the first); checked first")
    run.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                     help="set a notebook parameter (repeatable; see examples)")
    run.add_argument("--notebooks", default=None, help="notebook folder (default notebooks/)")
    run.add_argument("--cache", default=None,
                     help="folder for the feature cache and kernel log (default: your own cache "
                          "folder, e.g. ~/.cache/newslib; never inside --out)")
    run.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                     help="worker processes for notebook 5's features (default 1; -1 = one per "
                          "core); never more than the cores, nor than the articles")
    run.set_defaults(func=cmd_run)

    evaluate = commands.add_parser(
        "evaluate", help="agreement of a method with hand-annotated or human-labelled data")
    evaluations = evaluate.add_subparsers(
        dest="evaluation", required=True, help="what to evaluate (see each one's --help)")
    evaluate_quotes = evaluations.add_parser(
        "quotes", help="quotations, speakers and cues against a gold file",
        description=EVALUATE_QUOTES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate_quotes.add_argument("gold", help="GOLD.json")
    evaluate_quotes.add_argument("--failures", type=int, default=20, metavar="N",
                                 help="print up to N failures (default 20; 0 = none)")
    evaluate_quotes.set_defaults(func=cmd_evaluate_quotes)
    evaluate_tone = evaluations.add_parser(
        "tone", help="tone methods against labelled sentences (NewsMTSC JSONL or CSV)")
    evaluate_tone.add_argument("files", nargs="+",
                               help="NewsMTSC .jsonl, or .csv with text, target, label")
    evaluate_tone.add_argument("--samples", type=int, default=1000,
                               help="bootstrap resamples for the 95%% intervals (default 1000)")
    evaluate_tone.add_argument("--seed", type=int, default=12345,
                               help="bootstrap seed (default 12345)")
    evaluate_tone.set_defaults(func=cmd_evaluate_tone)

    draw = commands.add_parser(
        "sample", help="a reproducible stratified sample of units to label by hand, as CSV")
    draw.add_argument("paths", nargs="+", help="article files or folders (.txt, .csv, .jsonl, .html)")
    draw.add_argument("-o", "--output", required=True, help="OUT.csv")
    draw.add_argument("-n", "--size", type=int, default=100, help="units (default 100)")
    draw.add_argument("--units", default="sentence,quote,mention",
                      help="unit types, comma-separated (default sentence,quote,mention)")
    draw.add_argument("--seed", type=int, default=12345, help="random seed (default 12345)")
    draw.set_defaults(func=cmd_sample)
    return parser


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, as :func:`main` raises it.

    A subclass on purpose: when CPython's own ``KeyboardInterrupt`` lands in code run by
    ``exec`` (nbformat's schema validators are compiled that way), ``python -m`` marks it as
    having ended the program even though it is caught here, and exits through SIGINT (status
    -2 to the caller) instead of returning 130. Every ``except KeyboardInterrupt`` still
    catches this one.
    """


def _interrupt(signum, frame) -> None:
    raise Interrupted


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.showwarning = _show_warning
    handler = None
    if threading.current_thread() is threading.main_thread():
        handler = signal.signal(signal.SIGINT, _interrupt)
    try:
        return args.func(args)
    except ArticleError as error:
        _say(f"newslib: {error}")
        return EXIT_BAD_INPUT
    except MemoryError:
        _say("newslib: out of memory")
        return 1
    except KeyboardInterrupt:
        _say("newslib: interrupted")
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, without a flush error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # never a traceback; a bug report still needs the message
        _say(f"newslib: unexpected error ({_one_line(error)})")
        return 1
    finally:
        if handler is not None:
            signal.signal(signal.SIGINT, handler)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Library warnings (e.g. the cache switched off) as one ``newslib: warning:`` line."""
    _say(f"newslib: warning: {' '.join(str(message).split())}")
