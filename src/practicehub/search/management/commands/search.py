from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practicehub.search.services import PARAMS, SORTS, SearchFilters, record_search


class Command(BaseCommand):
    help = (
        "Search the published records, best first, in any language, with or without "
        "diacritics. Filters may repeat (any of the values) and combine (all of the filters).\n\n"
        'Example: practicehub search "moterų lyderystė" --limit 5 --format json'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", help='words, "a phrase", -excluded, a OR b')
        parser.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--sort", choices=SORTS, default="relevance")
        for param in PARAMS:
            parser.add_argument(
                f"--{param.replace('_', '-')}",
                dest=param,
                action="append",
                default=[],
                help=f"only records with this {param.replace('_', ' ')} (may repeat)",
            )

    def handle(self, *args, query: str, limit: int, format: str, sort: str, **options) -> None:
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        try:
            filters = SearchFilters.from_params({p: options.get(p) or [] for p in PARAMS})
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        page = record_search(query=query, filters=filters, per_page=limit, sort=sort)
        # Each hit carries the columns shown here, read with its snippet's text.
        results = [
            {
                "id": hit.record_id,
                "title": hit.title,
                "kind": hit.kind,
                "language": hit.language,
                "score": hit.score,
            }
            for hit in page.hits
        ]
        if format == "json":
            self.stdout.write(json.dumps({"query": query, "results": results}, ensure_ascii=False))
            return
        if not results:
            self.stdout.write(f"no published record matches {query!r}")
            return
        for number, result in enumerate(results, start=1):
            self.stdout.write(
                f"{number:>3}. {result['title']}\n     {result['id']}  {result['kind']}  "
                f"{result['language']}  score {result['score']:.3f}"
            )
        self.stdout.write(f"{len(results)} of {page.total} matching records")
