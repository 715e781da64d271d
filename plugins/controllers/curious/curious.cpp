// Registers the curious controller; the algorithm is in CuriousController.cpp.
#include "CuriousController.hpp"
#include "autood/sdk/plugin.hpp"

namespace {

void register_curious(autood::sdk::Registrar& registrar) {
  autood::sdk::ControllerChoice choice;
  choice.name = "curious";
  choice.summary = "AutoAD: Bayesian LSTM with curiosity (information gain) and self-imitation";
  choice.params = autood::controllers::curious_param_specs();
  choice.create = [](const autood::sdk::ControllerContext& context) {
    using namespace autood::controllers;
    return std::make_shared<CuriousController>(read_policy_config(context),
                                               read_policy_training(context.params),
                                               read_curious_options(context.params), context.seed);
  };
  registrar.add(std::move(choice));
}

}  // namespace

AUTOOD_PLUGIN("curious", "1.1.0", register_curious)
