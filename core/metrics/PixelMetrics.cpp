#include "metrics/PixelMetrics.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "autood/sdk/errors.hpp"
#include "metrics/Metrics.hpp"

namespace autood {

double pixel_auroc(const std::vector<double>& maps, const std::vector<int>& masks) { return auroc(maps, masks); }

std::vector<std::int64_t> label_regions(const int* mask, std::int64_t height, std::int64_t width,
                                        std::int64_t& regions) {
  std::vector<std::int64_t> label(static_cast<std::size_t>(height * width), -1);
  std::vector<std::int64_t> stack;
  regions = 0;
  for (std::int64_t start = 0; start < height * width; ++start) {
    if (!mask[start] || label[start] >= 0) continue;
    label[start] = regions;
    stack.push_back(start);
    while (!stack.empty()) {  // flood fill over the 8 neighbours
      auto at = stack.back();
      stack.pop_back();
      const auto row = at / width, column = at % width;
      for (std::int64_t dr = -1; dr <= 1; ++dr)
        for (std::int64_t dc = -1; dc <= 1; ++dc) {
          const auto r = row + dr, c = column + dc;
          if (r < 0 || r >= height || c < 0 || c >= width) continue;
          const auto next = r * width + c;
          if (mask[next] && label[next] < 0) label[next] = regions, stack.push_back(next);
        }
    }
    ++regions;
  }
  return label;
}

double pro_score(const std::vector<double>& maps, const std::vector<int>& masks, const PixelGrid& grid, double max_fpr) {
  const auto per_image = grid.height * grid.width;
  const auto total = grid.images * per_image;
  if (static_cast<std::int64_t>(maps.size()) != total || static_cast<std::int64_t>(masks.size()) != total)
    throw sdk::InputError("PRO needs one score and one mask value per pixel");
  // Every defective pixel's region, numbered across images, and every region's size.
  std::vector<std::int64_t> region(static_cast<std::size_t>(total), -1);
  std::vector<double> region_size;
  for (std::int64_t i = 0; i < grid.images; ++i) {
    std::int64_t count = 0;
    auto labels = label_regions(masks.data() + i * per_image, grid.height, grid.width, count);
    const auto offset = static_cast<std::int64_t>(region_size.size());
    region_size.resize(region_size.size() + static_cast<std::size_t>(count), 0.0);
    for (std::int64_t p = 0; p < per_image; ++p)
      if (labels[p] >= 0) {
        region[i * per_image + p] = offset + labels[p];
        region_size[offset + labels[p]] += 1;
      }
  }
  const double regions = static_cast<double>(region_size.size());
  const double normal = static_cast<double>(std::count(masks.begin(), masks.end(), 0));
  if (regions == 0 || normal == 0) throw sdk::InputError("PRO needs defective regions and defect-free pixels");

  // Lower the threshold one distinct score at a time: each pixel it passes adds to the false
  // positives, or to its region's overlap (1 / size, averaged over regions).
  std::vector<std::size_t> order(static_cast<std::size_t>(total));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return maps[a] > maps[b]; });
  double area = 0, fpr = 0, pro = 0, false_positives = 0, overlap = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto p = order[i];
    if (region[p] < 0) false_positives += 1;
    else overlap += 1.0 / region_size[region[p]];
    if (i + 1 < order.size() && maps[order[i + 1]] == maps[p]) continue;
    const double next_fpr = false_positives / normal, next_pro = overlap / regions;
    if (next_fpr >= max_fpr) {  // the last segment, cut at max_fpr
      const double t = next_fpr > fpr ? (max_fpr - fpr) / (next_fpr - fpr) : 1.0;
      area += (max_fpr - fpr) * (pro + (pro + t * (next_pro - pro))) / 2;
      return area / max_fpr;
    }
    area += (next_fpr - fpr) * (pro + next_pro) / 2;
    fpr = next_fpr;
    pro = next_pro;
  }
  return area / max_fpr;
}

PixelMetrics pixel_metrics(const std::vector<double>& maps, const std::vector<int>& masks, const PixelGrid& grid) {
  return {pixel_auroc(maps, masks), pro_score(maps, masks, grid)};
}

}  // namespace autood
