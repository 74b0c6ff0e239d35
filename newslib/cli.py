"""Command line: ``python -m newslib {parse,quotes,features,run} ...``.

Output contract (other tools read it):

- ``parse PATH...``: one JSON object per article per line: ``path``, ``id``, ``date`` (ISO or
  null), ``paragraphs``, ``sentences`` (``text``, ``start``, ``end``, ``paragraph``),
  ``warnings``.
- ``quotes PATH...``: one JSON object per quotation per line: ``path``, ``paragraph``,
  ``start``, ``end``, ``text`` (without quote marks), ``speaker``, ``cue``.
- Unusable input, or an article whose analysis failed: ``newslib: <path>: <what is wrong>``
  on stderr, one line each, after the usable inputs have been processed; exit status 2.
  Warnings go to stderr as ``newslib: warning: <path>: <message>`` and do not change the exit
  status. No command ends in a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable

from newslib.articles import Article, ArticleError, _one_line, iter_articles

EXIT_BAD_INPUT = 2


def _emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


#: Warning lines shown per article; a text of 300,000 stray quote marks would print as many.
MAX_WARNINGS_SHOWN = 20


def _warn(article: Article) -> None:
    for message in article.warnings[:MAX_WARNINGS_SHOWN]:
        print(f"newslib: warning: {article.source}: {message}", file=sys.stderr)
    hidden = len(article.warnings) - MAX_WARNINGS_SHOWN
    if hidden > 0:
        print(f"newslib: warning: {article.source}: {hidden:,} more warning(s) not shown",
              file=sys.stderr)


def _parse_record(article: Article) -> dict:
    from newslib.quotes import attributed_quotations

    attributed_quotations(article)  # adds unclosed-quote warnings
    return {
        "path": article.source,
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "paragraphs": [p.text for p in article.paragraphs],
        "sentences": [
            {"text": s.text, "start": s.start, "end": s.end, "paragraph": s.paragraph}
            for s in article.sentences
        ],
        "warnings": list(article.warnings),
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
        print(f"newslib: {error}", file=sys.stderr)
    return EXIT_BAD_INPUT if errors else 0


def cmd_parse(args: argparse.Namespace) -> int:
    return _per_article(args.paths, lambda a: _emit(_parse_record(a)))


def cmd_quotes(args: argparse.Namespace) -> int:
    def handle(article: Article) -> None:
        for record in _quote_records(article):
            _emit(record)

    return _per_article(args.paths, handle)


def cmd_features(args: argparse.Namespace) -> int:
    from newslib.corpus import corpus_features, write_table

    if not args.output.lower().endswith((".csv", ".parquet")):
        print(f"newslib: {args.output}: the output must end in .csv or .parquet", file=sys.stderr)
        return EXIT_BAD_INPUT
    errors: list[ArticleError] = []
    table = corpus_features(args.paths, errors=errors, n_jobs=args.jobs,
                            cache_dir=None if args.no_cache else args.cache,
                            progress=False if args.quiet else None)
    try:
        write_table(table, args.output)
    except (OSError, ValueError, ImportError) as error:
        for problem in errors:
            print(f"newslib: {problem}", file=sys.stderr)
        print(f"newslib: {args.output}: cannot write ({_one_line(error)}); nothing written",
              file=sys.stderr)
        return 1
    for error in errors:
        print(f"newslib: {error}", file=sys.stderr)
    if not args.quiet:
        print(f"newslib: wrote {len(table)} article(s) to {args.output}", file=sys.stderr)
    return EXIT_BAD_INPUT if errors else 0


def _check_run_data(data: str) -> tuple[int, list[ArticleError]]:
    """(usable articles, unusable inputs) of the run's data, read before any notebook starts."""
    errors: list[ArticleError] = []
    usable = sum(1 for _ in iter_articles(data, errors=errors))
    return usable, errors


def cmd_run(args: argparse.Namespace) -> int:
    from newslib.report import NotebookFailed, run_notebooks

    usable, unusable = _check_run_data(args.data)
    for problem in unusable:
        print(f"newslib: {problem}", file=sys.stderr)
    if not usable:
        print(f"newslib: {args.data}: no usable articles; no report was made", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        pages = run_notebooks(args.data, args.out, notebooks_dir=args.notebooks,
                              focus_id=args.focus, n_jobs=args.jobs)
    except NotebookFailed as error:
        print(f"newslib: {error}", file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(f"newslib: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"newslib: {len(pages)} reports in {args.out}/ (open {args.out}/index.html)",
          file=sys.stderr)
    if unusable:
        print(f"newslib: {len(unusable)} unusable input(s) left out (listed above)",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslib", description="Word usage, rhetoric and tone in news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="paragraphs and sentences as JSON Lines")
    parse.add_argument("paths", nargs="+", help="article files, folders, CSV or JSON Lines")
    parse.set_defaults(func=cmd_parse)

    quote = commands.add_parser("quotes", help="quotations and speakers as JSON Lines")
    quote.add_argument("paths", nargs="+")
    quote.set_defaults(func=cmd_quotes)

    feature = commands.add_parser(
        "features", help="one row of summary features per article, to CSV or Parquet")
    feature.add_argument("paths", nargs="+")
    feature.add_argument("-o", "--output", required=True, help="OUT.csv or OUT.parquet")
    feature.add_argument("-j", "--jobs", type=int, default=1,
                         help="worker processes (default 1; -1 = one per core)")
    feature.add_argument("--cache", default=".newslib-cache",
                         help="folder for per-article results (default .newslib-cache)")
    feature.add_argument("--no-cache", action="store_true", help="compute everything afresh")
    feature.add_argument("-q", "--quiet", action="store_true",
                         help="no progress bar (shown by default above 20 articles)")
    feature.set_defaults(func=cmd_features)

    run = commands.add_parser("run", help="execute every notebook and write HTML reports")
    run.add_argument("--data", default="data/articles", help="article folder (default data/articles)")
    run.add_argument("--out", default="reports", help="output folder (default reports)")
    run.add_argument("--focus", default=None, help="id of the article to focus on (default: first)")
    run.add_argument("--notebooks", default=None, help="notebook folder (default notebooks/)")
    run.add_argument("-j", "--jobs", type=int, default=1, help="worker processes for features")
    run.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except ArticleError as error:
        print(f"newslib: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:
        print("newslib: out of memory", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newslib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, without a flush error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # never a traceback; a bug report still needs the message
        print(f"newslib: unexpected error ({_one_line(error)})", file=sys.stderr)
        return 1


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Library warnings (e.g. the cache switched off) as one ``newslib: warning:`` line."""
    print(f"newslib: warning: {' '.join(str(message).split())}", file=sys.stderr)
