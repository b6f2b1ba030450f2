"""Attribution: where the data comes from and its licence, for pages and every download.

A season's ``sources:`` (season.yaml) name what its data was taken from. A download credits the
sources of the seasons its rows come from: JSON in a ``sources`` list, CSV in two last columns,
``source`` and ``licence``, the same in every row (docs/contract.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from site_gen.model.site import Site, Source

LICENCE_URLS = {
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
CSV_COLUMNS = ("source", "licence")


def licence_url(licence: str) -> str | None:
    """The address of a licence's text, for the ones the site knows ('CC BY-SA 4.0')."""
    return LICENCE_URLS.get(licence.strip())


def of_seasons(site: Site, sids: Iterable[str] | None = None) -> tuple[Source, ...]:
    """The sources of the given seasons (every season if None), oldest season first, each once."""
    wanted = None if sids is None else set(sids)
    out: list[Source] = []
    for season in site.seasons:
        if wanted is None or season.id in wanted:
            out.extend(s for s in season.sources if s not in out)
    return tuple(out)


def of_skater(site: Site, slug: str) -> tuple[Source, ...]:
    return of_seasons(site, {race.season for race, _ in site.index.skater_entries.get(slug, ())})


def as_json(sources: Iterable[Source]) -> list[dict[str, Any]]:
    out = []
    for s in sources:
        item: dict[str, Any] = {"title": s.title, "url": s.url, "licence": s.licence}
        if (link := licence_url(s.licence)) is not None:
            item["licence_url"] = link
        if s.retrieved is not None:
            item["retrieved"] = s.retrieved.isoformat()
        out.append(item)
    return out


def csv_cells(sources: Iterable[Source]) -> tuple[str, str]:
    """The ``source`` and ``licence`` cells of a CSV row: the sources' addresses and their
    licences, each once, joined by ' ; ' (empty when the data names no source)."""
    items = list(sources)
    urls = list(dict.fromkeys(s.url for s in items))
    licences = list(dict.fromkeys(s.licence for s in items))
    return " ; ".join(urls), " ; ".join(licences)
