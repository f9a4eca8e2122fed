//===- dit-gen.cpp - emit a DiT forward pass as dit IR --------------------===//
//
// dit-gen --model=DiT-XL/2 --image-size=256 --batch=1 --dtype=f32 [--cfg]
// prints a module with one function computing the DiT forward pass. Custom
// models are given with --depth --hidden --heads --patch instead of --model.
//
//===----------------------------------------------------------------------===//

#include "dit/InitAll.h"
#include "dit/Model/ModelBuilder.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <fmt/format.h>

using namespace mlir;
using namespace dit;
namespace cl = llvm::cl;

static cl::OptionCategory genCategory("dit-gen options");

static cl::opt<std::string>
    modelName("model",
              cl::desc("Paper model DiT-{S,B,L,XL}/{2,4,8} (default DiT-XL/2 "
                       "unless a custom shape is given)"),
              cl::value_desc("name"), cl::cat(genCategory));
static cl::opt<int64_t> imageSize("image-size",
                                  cl::desc("Image size in pixels (default "
                                           "256); a multiple of 8 x patch"),
                                  cl::init(256), cl::cat(genCategory));
static cl::opt<int64_t> batch("batch", cl::desc("Images per call (default 1)"),
                              cl::init(1), cl::cat(genCategory));
static cl::opt<ModelDType>
    dtype("dtype", cl::desc("Activation and weight type (default f32)"),
          cl::values(clEnumValN(ModelDType::F32, "f32", "32-bit float"),
                     clEnumValN(ModelDType::F16, "f16", "16-bit float"),
                     clEnumValN(ModelDType::BF16, "bf16", "bfloat16")),
          cl::init(ModelDType::F32), cl::cat(genCategory));
static cl::opt<bool> cfg("cfg",
                         cl::desc("Classifier-free guidance: run the doubled "
                                  "batch and combine with cfg_scale"),
                         cl::cat(genCategory));
static cl::opt<std::string>
    cfgChannels("cfg-channels",
                cl::desc("Channels guidance applies to: a count (default 3, "
                         "as the reference) or 'all' (every input channel)"),
                cl::init("3"), cl::cat(genCategory));
static cl::opt<int64_t> depth("depth", cl::desc("Custom model: blocks"),
                              cl::init(0), cl::cat(genCategory));
static cl::opt<int64_t> hidden("hidden", cl::desc("Custom model: hidden size"),
                               cl::init(0), cl::cat(genCategory));
static cl::opt<int64_t> heads("heads", cl::desc("Custom model: heads"),
                              cl::init(0), cl::cat(genCategory));
static cl::opt<int64_t> patch("patch", cl::desc("Custom model: patch size"),
                              cl::init(0), cl::cat(genCategory));
static cl::opt<int64_t> inChannels("in-channels",
                                   cl::desc("Latent channels (default 4)"),
                                   cl::init(4), cl::cat(genCategory));
static cl::opt<int64_t> numClasses("num-classes",
                                   cl::desc("Classes (default 1000; the "
                                            "table has one more, null row)"),
                                   cl::init(1000), cl::cat(genCategory));
static cl::opt<bool>
    learnSigma("learn-sigma",
               cl::desc("Predict the variance too: 2 x in-channels outputs "
                        "(default true)"),
               cl::init(true), cl::cat(genCategory));
static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("filename"),
                                           cl::init("-"), cl::cat(genCategory));
static cl::opt<bool> listModels("list-models",
                                cl::desc("Print the paper model table"),
                                cl::cat(genCategory));

/// Prints `message` as an error and returns the exit code 1.
static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "dit-gen") << message << "\n";
  return 1;
}

/// Builds the configuration from the command line, or returns an error.
static FailureOr<DiTConfig> configFromOptions(std::string &error) {
  DiTConfig config;
  bool custom = depth.getNumOccurrences() || hidden.getNumOccurrences() ||
                heads.getNumOccurrences() || patch.getNumOccurrences();
  if (!modelName.empty() && custom) {
    error = "--model cannot be combined with --depth, --hidden, --heads or "
            "--patch (give all four without --model for a custom model)";
    return failure();
  }
  if (custom) {
    for (auto *option : {&depth, &hidden, &heads, &patch}) {
      if (!option->getNumOccurrences()) {
        error = fmt::format("a custom model needs --{} (or use --model)",
                            option->ArgStr.str());
        return failure();
      }
    }
    config.depth = depth;
    config.hidden = hidden;
    config.heads = heads;
    config.patch = patch;
  } else {
    std::string name = modelName.empty() ? "DiT-XL/2" : modelName.getValue();
    std::optional<DiTConfig> preset = lookupPaperModel(name);
    if (!preset) {
      error = fmt::format("unknown model '{}' (expected DiT-{{S,B,L,XL}}/"
                          "{{2,4,8}}, see --list-models)",
                          name);
      return failure();
    }
    config = *preset;
  }
  config.imageSize = imageSize;
  config.batch = batch;
  config.dtype = dtype;
  config.inChannels = inChannels;
  config.numClasses = numClasses;
  config.learnSigma = learnSigma;
  config.cfg = cfg;
  if (cfgChannels.getNumOccurrences() && !cfg) {
    error = "--cfg-channels needs --cfg";
    return failure();
  }
  if (cfgChannels == "all") {
    config.cfgChannels = config.inChannels;
  } else if (StringRef(cfgChannels).getAsInteger(10, config.cfgChannels)) {
    error = fmt::format("--cfg-channels must be a count or 'all', got '{}'",
                        cfgChannels.getValue());
    return failure();
  }
  if (std::optional<std::string> invalid = config.validate()) {
    error = *invalid;
    return failure();
  }
  return config;
}

/// Prints the paper model table.
static void printModelTable(llvm::raw_ostream &os) {
  os << "model      depth  hidden  heads  head_dim  patch\n";
  for (const ModelPreset &preset : getModelPresets())
    for (int64_t p : getPaperPatchSizes())
      os << fmt::format("{:<10} {:>5}  {:>6}  {:>5}  {:>8}  {:>5}\n",
                        fmt::format("DiT-{}/{}", preset.size.str(), p),
                        preset.depth, preset.hidden, preset.heads,
                        preset.hidden / preset.heads, p);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(genCategory);
  if (!cl::ParseCommandLineOptions(
          argc, argv, "dit-gen: emit a DiT forward pass as dit IR\n",
          &llvm::errs()))
    return 1;

  if (listModels) {
    printModelTable(llvm::outs());
    return 0;
  }

  std::string error;
  FailureOr<DiTConfig> config = configFromOptions(error);
  if (failed(config))
    return fail(error);

  DialectRegistry registry;
  registerAllDiTDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  OwningOpRef<ModuleOp> module = buildDiTModule(&context, *config);
  if (failed(verify(*module)))
    return fail("internal error: the generated module does not verify");

  std::string openError;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &openError);
  if (!output)
    return fail(openError);
  module->print(output->os(),
                OpPrintingFlags().enableDebugInfo(/*enable=*/true,
                                                  /*prettyForm=*/false));
  output->os() << "\n";
  output->keep();
  return 0;
}
