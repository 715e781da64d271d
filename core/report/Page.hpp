#pragma once
// The frame every autood HTML page shares: one style sheet inline, and the script that sorts a
// table by the column whose header is clicked. Nothing is loaded from elsewhere.
#include <string>

namespace autood::page {

std::string begin(const std::string& title);  // <!DOCTYPE ...><body><h1>title</h1>
std::string end();                            // the sorting script, </body></html>

// A PNG's bytes as a data: URI, so that a page carries its images inside.
std::string png_data_uri(const std::string& png);

// Colours for series and groups, cycled.
const char* color(std::size_t index);

}  // namespace autood::page
