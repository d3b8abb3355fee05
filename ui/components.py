"""Small display helpers shared by pages: honest tables, source lines, and data shown in the chosen language."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from charts.renderer import images_available
from domain.sources import source_label, web_address
from i18n import N_, NOT_REPORTED, _, current_language, format_figure, translate_message, using_language
from spreadsheets import neutralise, rows_to_csv, rows_to_xlsx
from ui.cached import cached_compiled_date
from ui.url_state import presenting

__all__ = ["NOT_REPORTED", "format_figure"]  # shown everywhere; defined (Streamlit-free) in i18n for the pack too
PRESENTER_SCALE = 1.5  # the floor for type on a projected screen


def select_columns(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The named columns, headed by their translated labels (`columns` maps a column to its N_-marked label)."""
    return frame[list(columns)].rename(columns={column: _(label) for column, label in columns.items()})


def translated(options: Iterable, label: Callable[[object], str] = str) -> Callable[[object], str]:
    """A widget's format_func: each option's (N_-marked) label translated now, looked up later, so the widget
    gets the same labels whenever and wherever it calls it (Streamlit calls it again outside the run, e.g. tests)."""
    names = {option: _(label(option)) for option in options}
    return lambda option: names.get(option, str(option))


LINK_HOST = r"https?://(?:www\.)?([^/]+)"  # a link shown as its site's name
LINK_ADDRESS = r"https?://(?:www\.)?(.+)"  # a link shown as the whole address


def render_table(frame: pd.DataFrame, key: str, as_of: object, link_columns: tuple[str, ...] = (),
                 formats: dict[str, str] | None = None, link_text: str = LINK_HOST) -> None:
    """A sortable table whose missing figures read 'not reported' (never blank, never 0), downloadable as CSV and
    XLSX. `as_of` (a column of `frame`, values, or one date) becomes the downloads' as-of column."""
    config: dict = {name: st.column_config.LinkColumn(name, display_text=link_text) for name in link_columns}
    for name, number_format in (formats or {}).items():
        config[name] = st.column_config.NumberColumn(name, format=number_format, width="medium")  # room for "not reported"
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, key=key, placeholder=_(NOT_REPORTED))
    as_of_values = frame[as_of] if isinstance(as_of, str) and as_of in frame else as_of
    render_downloads(frame.assign(as_of=as_of_values.to_numpy() if isinstance(as_of_values, pd.Series) else as_of_values), key)


def source_line(titles: list[str]) -> str:
    return _("Data source: {titles}. Compiled {date}; each row links its own source.").format(
        titles="; ".join(titles), date=cached_compiled_date())


def render_source_line(titles: list[str]) -> None:
    st.caption(source_line(titles))


# Characters Markdown (and Streamlit's :directives: and $math$) would act on: data text is shown as typed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>:$=])")


def plain(text: object) -> str:
    """Text from data or users, escaped so Markdown shows it literally (no links, no HTML, no icons)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def figure_caption(as_of: object = None, source_url: object = None) -> str:
    """The Markdown line under a figure: its as-of and its source, linked only if it is a web address."""
    parts = []
    if as_of is not None and not pd.isna(as_of):
        parts.append(_("as of {year}").format(year=plain(as_of)))
    if address := web_address(source_url):
        parts.append(f"[{plain(source_label(address))}](<{address}>)")
    elif isinstance(source_url, str) and source_url:
        parts.append(plain(source_url))  # named but not a web address: shown as text, never a link
    return " · ".join(parts) or _("no source: not reported")


def render_figure(column, label: str, value: str, as_of: object = None, source_url: object = None,
                  help: str | None = None) -> None:
    """A headline figure with its as-of year and source link under it."""
    column.metric(label, value, help=help)
    column.caption(figure_caption(as_of, source_url))


def table_rows(frame: pd.DataFrame) -> tuple[list[str], list[list]]:
    """Header and rows ready for a spreadsheet: missing cells empty, lists joined, formulas neutralised."""
    def cell(value):
        if isinstance(value, (list, tuple)):
            value = "; ".join(map(str, value))
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        return neutralise(value.item() if hasattr(value, "item") else value)

    return [str(c) for c in frame.columns], [[cell(v) for v in row] for row in frame.itertuples(index=False)]


def render_downloads(frame: pd.DataFrame, name: str, what: str = N_("this table")) -> None:
    """CSV and XLSX of exactly the rows shown; the frame should carry its source and as-of columns.

    Both files are made only when clicked, so a page with many tables does not build them on every rerun."""
    with st.popover(_("Download {what}").format(what=_(what)), icon=":material/download:"):
        st.download_button(_("Download {what} (CSV)").format(what=_(what)), lambda: rows_to_csv(*table_rows(frame)),
                           file_name=f"{name}.csv", mime="text/csv", key=f"{name}_csv", icon=":material/download:")
        st.download_button(_("Download {what} (XLSX)").format(what=_(what)), lambda: rows_to_xlsx(*table_rows(frame), name),
                           file_name=f"{name}.xlsx", key=f"{name}_xlsx", icon=":material/download:",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def render_chart(figure, alt: str, data: pd.DataFrame | None = None, **kwargs):
    """st.plotly_chart with a description for screen readers and, where no table beside it already lists the
    figures, a "Show the data" table; chart text 1.5x when presenting (plotly sizes text in pixels: page CSS
    cannot reach it). The modebar's camera button saves the chart as a PNG, in the browser, offline."""
    if presenting():
        size = figure.layout.font.size or 12
        figure.update_layout(font_size=round(size * PRESENTER_SCALE), hoverlabel_font_size=round(size * PRESENTER_SCALE))
    event = st.plotly_chart(figure, alt=alt, **kwargs)
    if data is not None:
        with st.expander(_("Show the data")):
            st.dataframe(data, hide_index=True, width="stretch", placeholder=_(NOT_REPORTED))
            render_downloads(data.assign(as_of=cached_compiled_date()), f"{kwargs.get('key', 'chart')}_data", N_("the data"))
    return event


def render_slide_images(make_slide: Callable[[], object], name: str) -> None:
    """PNG and PDF of this view for slides, drawn on the server only when asked for."""
    with st.popover(_("Slide image"), icon=":material/image:"):
        if not images_available():
            st.caption(_("Server-side images need Chromium on the server (apt-get install chromium); the camera button "
                         "above each chart saves it as a PNG in your browser."))
            return
        def draw(image_format: str, language: str = current_language()) -> bytes:
            from charts.slide_images import figure_to_image  # plotly and kaleido load with the first image asked for

            with using_language(language):  # drawn after this run, when clicked: in this page's language
                return figure_to_image(make_slide(), image_format)

        for image_format, mime in (("png", "image/png"), ("pdf", "application/pdf")):
            st.download_button(_("Slide ({format})").format(format=image_format.upper()),
                               lambda image_format=image_format: draw(image_format),
                               file_name=f"{name}.{image_format}", mime=mime, key=f"{name}_{image_format}",
                               icon=":material/download:")


def refusal_text(error: Exception) -> str:
    """A store refusal in the reader's language: each field's reason for a record that breaks the rules."""
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(f"{field}: {translate_message(reason)}" for field, reason in problems.items())
    return str(translate_message(str(error)))


# While the registry's database cannot be reached (store.StoreUnavailable): what pages say instead of a traceback.
STORE_DOWN = N_("The registry's database cannot be reached: showing the reference needs and announced offers from the "
                "embedded data; editing is unavailable until it is back.")
EDITING_DOWN = N_("The registry's database cannot be reached: editing is unavailable until it is back; reading pages keep "
                  "working from the embedded data.")
NOT_SAVED = N_("Could not be saved: the registry's database cannot be reached. Your text is kept; try again when it is "
               "back.")


def render_store_down(message: str = STORE_DOWN) -> None:
    """The notice on a page reading the embedded data because the registry's database cannot be reached."""
    st.warning(_(message), icon=":material/cloud_off:")


def render_refused_save(what: str, detail: object, label: Callable[[str], str]) -> bool:
    """The outcomes every form's save shares: the database unreachable, not allowed, or values refused (each field
    by `label`, with its reason). True when `what` was one of them and has been shown."""
    if what == "unavailable":
        st.error(_(NOT_SAVED), icon=":material/cloud_off:")
    elif what == "denied":
        st.error(_("Not allowed: {reason}. Nothing was written.").format(reason=plain(translate_message(detail))))
    elif what == "invalid":
        lines = "\n".join(f"- **{plain(label(name))}**: {plain(translate_message(reason))}" for name, reason in detail.items())
        st.error(_("Not saved: fix these values. Nothing was written.") + f"\n\n{lines}")
    else:
        return False
    return True
