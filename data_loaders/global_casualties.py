"""Global casualty figures per year; a revised year keeps both rows (indicator *_revised)."""
from data_loaders.base import load_source
from data_loaders.global_figures import GlobalFiguresSchema
from data_loaders.source import Source, as_of_column

SOURCE = Source(
    name="global_casualties",
    title="Global casualty figures",
    schema=GlobalFiguresSchema,  # same layout: indicator, year, value, unit, source_url
    key=("indicator", "year"),
    source_columns=("source_url",),
    as_of=as_of_column("year"),
)


def load_global_casualties(path=None):
    return load_source(SOURCE, path)
