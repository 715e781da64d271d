#pragma once
// Pixel-level metrics for anomaly segmentation (MVTec AD). Maps and masks are [N, H, W] in
// row-major order: anomaly scores per pixel, and 1 on the ground truth's defective pixels.
#include <cstdint>
#include <vector>

namespace autood {

struct PixelMetrics {
  double pixel_auroc = 0.0;
  double pro = 0.0;  // normalised area under the PRO curve up to FPR 0.3
};

struct PixelGrid {
  std::int64_t images = 0, height = 0, width = 0;
};

// AUROC over every pixel of every image.
double pixel_auroc(const std::vector<double>& maps, const std::vector<int>& masks);

// Connected components of one image's mask, 8-connected: a region number per pixel, -1 off the mask.
std::vector<std::int64_t> label_regions(const int* mask, std::int64_t height, std::int64_t width,
                                        std::int64_t& regions);

// PRO as defined with MVTec AD (Bergmann et al.): at each threshold, the overlap of every
// connected defect region with the pixels above it, averaged over regions, plotted against the
// false-positive rate on defect-free pixels; the area up to max_fpr (the last segment cut by
// linear interpolation), divided by max_fpr. Throws sdk::InputError without a defect region or
// without a defect-free pixel.
double pro_score(const std::vector<double>& maps, const std::vector<int>& masks, const PixelGrid& grid,
                 double max_fpr = 0.3);

PixelMetrics pixel_metrics(const std::vector<double>& maps, const std::vector<int>& masks, const PixelGrid& grid);

}  // namespace autood
