#pragma once
// Small static SVG charts for the HTML report: axes with ticks, polylines, points and bars.
// Static SVG renders with no script and no network, and a test can count its elements.
#include <string>
#include <vector>

namespace autood::svg {

struct Point {
  double x = 0.0, y = 0.0;
};

struct Series {
  std::string name;
  std::string color;
  std::vector<Point> points;
  bool markers = false;             // one <circle class="css_class"> per point instead of a line
  std::string css_class;            // class of each marker, e.g. "trial"
  std::vector<std::string> titles;  // a tooltip per marker
  bool dashed = false;
};

struct Band {  // a shaded area between lower and upper, e.g. mean ± std
  std::string color;
  std::vector<Point> lower, upper;
};

struct Chart {
  std::string title, x_label, y_label;
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  std::vector<Series> series;
  std::vector<Band> bands;
  bool diagonal = false;  // the chance line of a ROC curve
};

std::string render(const Chart& chart);

struct Histogram {
  std::string title, x_label;
  std::vector<std::string> names, colors;   // one per group
  std::vector<std::vector<double>> groups;  // the values of each group, binned together
  int bins = 30;
};

std::string render(const Histogram& histogram);

std::string escape(const std::string& text);

}  // namespace autood::svg
