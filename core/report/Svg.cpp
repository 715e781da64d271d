#include "report/Svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace autood::svg {
namespace {

// The legend has a row of its own between the title and the plot, so it never hides a point.
constexpr double kWidth = 520, kHeight = 336, kLeft = 56, kRight = 24, kTop = 46, kBottom = 44;

struct Frame {
  double x_min, x_max, y_min, y_max;
  double x(double v) const {
    return kLeft + (v - x_min) / (x_max - x_min) * (kWidth - kLeft - kRight);
  }
  double y(double v) const {
    return kHeight - kBottom - (v - y_min) / (y_max - y_min) * (kHeight - kTop - kBottom);
  }
};

std::string open(const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" "
      "role=\"img\"><title>{2}</title><text x=\"{3}\" y=\"18\" class=\"chart-title\">{2}</text>",
      kWidth, kHeight, escape(title), kLeft);
}

// Short enough to fit under a tick: 1197, 0.0123, 3.4e+05.
std::string tick(double v) {
  return std::abs(v) >= 1e5 || (v != 0 && std::abs(v) < 1e-3) ? fmt::format("{:.2g}", v)
                                                              : fmt::format("{:.4g}", v);
}

std::string axes(const Frame& f, const std::string& x_label, const std::string& y_label) {
  std::string out =
      fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"plot-area\"/>", kLeft,
                  kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom);
  for (int i = 0; i <= 4; ++i) {
    double xv = f.x_min + (f.x_max - f.x_min) * i / 4, yv = f.y_min + (f.y_max - f.y_min) * i / 4;
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"middle\">{}</text>", f.x(xv),
        kHeight - kBottom + 16, tick(xv));
    out += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" class=\"grid\"/>",
                       kLeft, kWidth - kRight, f.y(yv));
    out +=
        fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">{}</text>",
                    kLeft - 6, f.y(yv) + 4, tick(yv));
  }
  out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"label\" text-anchor=\"middle\">{}</text>",
                     (kLeft + kWidth - kRight) / 2, kHeight - 8, escape(x_label));
  out += fmt::format(
      "<text transform=\"translate(14,{:.1f}) rotate(-90)\" class=\"label\" "
      "text-anchor=\"middle\">{}</text>",
      (kTop + kHeight - kBottom) / 2, escape(y_label));
  return out;
}

std::string polyline(const Frame& f, const std::vector<Point>& points) {
  std::string out;
  for (const auto& p : points) out += fmt::format("{:.2f},{:.2f} ", f.x(p.x), f.y(p.y));
  return out;
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  double x = kLeft;
  for (const auto& [name, color] : entries) {
    if (name.empty()) continue;
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>", x,
                       kTop - 18, color);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"tick\">{}</text>", x + 14, kTop - 9,
                       escape(name));
    x += 24 + 6.5 * static_cast<double>(name.size());
  }
  return out;
}

}  // namespace

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render(const Chart& chart) {
  Frame f{chart.x_min, chart.x_max > chart.x_min ? chart.x_max : chart.x_min + 1, chart.y_min,
          chart.y_max > chart.y_min ? chart.y_max : chart.y_min + 1};
  std::string out = open(chart.title) + axes(f, chart.x_label, chart.y_label);
  if (chart.diagonal)
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"chance\"/>", f.x(0),
        f.y(0), f.x(1), f.y(1));
  for (const auto& band : chart.bands) {
    auto upper = band.upper;
    std::reverse(upper.begin(), upper.end());
    out +=
        fmt::format("<polygon points=\"{}{}\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\"/>",
                    polyline(f, band.lower), polyline(f, upper), band.color);
  }
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& s : chart.series) {
    entries.emplace_back(s.name, s.color);
    if (!s.markers) {
      out +=
          fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>",
                      polyline(f, s.points), s.color, s.dashed ? " stroke-dasharray=\"5 4\"" : "");
      continue;
    }
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      out += fmt::format("<circle class=\"{}\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"3.5\" fill=\"{}\">",
                         s.css_class, f.x(s.points[i].x), f.y(s.points[i].y), s.color);
      if (i < s.titles.size()) out += "<title>" + escape(s.titles[i]) + "</title>";
      out += "</circle>";
    }
  }
  return out + legend(entries) + "</svg>";
}

std::string render(const Histogram& h) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& g : h.groups)
    for (double v : g) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (hi <= lo) hi = lo + 1;
  const double width = (hi - lo) / h.bins;
  std::vector<std::vector<double>> share(
      h.groups.size(), std::vector<double>(static_cast<std::size_t>(h.bins), 0.0));
  double top = 0;
  for (std::size_t g = 0; g < h.groups.size(); ++g) {
    for (double v : h.groups[g]) {
      auto bin = std::min<std::size_t>(static_cast<std::size_t>((v - lo) / width),
                                       static_cast<std::size_t>(h.bins - 1));
      share[g][bin] += 1.0 / static_cast<double>(h.groups[g].size());  // each group sums to 1
    }
    for (double s : share[g]) top = std::max(top, s);
  }
  Frame f{lo, hi, 0, top > 0 ? top * 1.1 : 1};
  std::string out = open(h.title) + axes(f, h.x_label, "share of the group");
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t g = 0; g < h.groups.size(); ++g) {
    entries.emplace_back(h.names[g] + " (" + std::to_string(h.groups[g].size()) + ")", h.colors[g]);
    for (int b = 0; b < h.bins; ++b) {
      double s = share[g][static_cast<std::size_t>(b)];
      if (s <= 0) continue;
      double x0 = f.x(lo + width * b), x1 = f.x(lo + width * (b + 1));
      out += fmt::format(
          "<rect class=\"bar\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" "
          "fill=\"{}\" "
          "fill-opacity=\"0.55\"/>",
          x0, f.y(s), std::max(0.5, x1 - x0 - 0.5), f.y(0) - f.y(s), h.colors[g]);
    }
  }
  return out + legend(entries) + "</svg>";
}

}  // namespace autood::svg
