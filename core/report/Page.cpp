#include "report/Page.hpp"

#include "report/Svg.hpp"

namespace autood::page {
namespace {

const char* kStyle = R"(
body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
pre{background:#f6f6f6;padding:8px;font-size:12px;max-height:300px;overflow:auto}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}
th{background:#f0f0f0;cursor:pointer}td.arch{font-family:monospace;font-size:11px}
.charts{display:flex;flex-wrap:wrap;gap:12px}.plot-area{fill:#fcfcfc;stroke:#bbb}.grid{stroke:#eee}
.tick{font-size:11px;fill:#555}.label{font-size:12px;fill:#333}.chart-title{font-size:13px;font-weight:bold}
.chance{stroke:#aaa;stroke-dasharray:4 4}figure{margin:0;font-size:11px;text-align:center}
figure img{image-rendering:pixelated;width:112px;height:112px;border:1px solid #ccc})";

// Sorting by a header click: numbers as numbers, everything else as text.
const char* kSortScript = R"(
document.querySelectorAll('table.sortable th').forEach(function(th, column) {
  th.addEventListener('click', function() {
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var down = th.dataset.dir !== 'down'; th.dataset.dir = down ? 'down' : 'up';
    rows.sort(function(a, b) {
      var x = a.cells[column].textContent, y = b.cells[column].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return down ? -order : order;
    });
    rows.forEach(function(r) { body.appendChild(r); });
  });
});)";

}  // namespace

std::string begin(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         svg::escape(title) + "</title><style>" + kStyle + "</style></head><body>\n<h1>" +
         svg::escape(title) + "</h1>\n";
}

std::string png_data_uri(const std::string& png) {
  static const char* const kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "data:image/png;base64,";
  std::size_t i = 0;
  for (; i + 2 < png.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(png[i]) << 16) |
                 (static_cast<unsigned char>(png[i + 1]) << 8) |
                 static_cast<unsigned char>(png[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (i < png.size()) {
    unsigned v = static_cast<unsigned char>(png[i]) << 16;
    if (i + 1 < png.size()) v |= static_cast<unsigned char>(png[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < png.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string end() { return std::string("<script>") + kSortScript + "</script>\n</body></html>\n"; }

const char* color(std::size_t index) {
  static const char* const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                         "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
  return kPalette[index % 8];
}

}  // namespace autood::page
