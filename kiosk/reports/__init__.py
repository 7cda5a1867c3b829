"""Reports for the library's staff and its annual accountability: the SKM
(kiosk.reports.skm), the kiosk's use (kiosk.reports.usage), and their PDF
rendering (kiosk.reports.pdf). The figures are computed without Qt; only
the PDF is drawn with Qt."""
