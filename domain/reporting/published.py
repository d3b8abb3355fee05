"""A published Article 7 report as the product's figures, grid and cross-cutting view read it: the report and what
the store says of its publication, as plain data (the store's rows never reach the domain)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.reporting.report import Report
from domain.sources import article7_link


@dataclass(frozen=True)
class PublishedReport:
    report: Report
    state: str  # the State's name as the reference data spells it (English)
    published_on: dt.date
    submitted_on: dt.date | None = None  # when it was submitted in this tool
    sent_on: dt.date | None = None  # when the State says it sent it through the official channel
    entered_by_isu: bool = False  # entered by the ISU from the State's own document, dated source_document_date
    source_document_date: dt.date | None = None

    @property
    def iso3(self) -> str:
        return self.report.iso3

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def link(self) -> str:
        """The report's page on this dashboard, which every figure taken from it cites."""
        return article7_link(self.iso3, self.year, self.published_on)
