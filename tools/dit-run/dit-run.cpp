//===- dit-run.cpp - JIT-compile and run a DiT module on the CPU ----------===//
//
// dit-run model.mlir --weights=w.safetensors --input=x=x.npy --input=t=t.npy
//   --input=y=y.npy [--input=cfg_scale=s.npy] --output=out.npy
//
// Lowers a module produced by dit-gen (optionally after any dit-opt
// pipeline) with --dit-lower-to-cpu, JIT-compiles it with the MLIR
// ExecutionEngine and runs its entry function. Weights come from a
// safetensors file keyed by the PyTorch state-dict names; every tensor is
// checked against the entry function's argument names, shapes and dtypes
// before anything runs.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTDialect.h"
#include "dit/InitAll.h"
#include "dit/Pipelines/Pipelines.h"
#include "dit/Runtime/HostTensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <random>

using namespace mlir;
using namespace dit;
namespace cl = llvm::cl;

static cl::OptionCategory runCategory("dit-run options");

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<module.mlir>"),
                                          cl::Required, cl::cat(runCategory));
static cl::opt<std::string>
    weightsFilename("weights", cl::desc("safetensors file of the parameters"),
                    cl::value_desc("file"), cl::cat(runCategory));
static cl::opt<bool>
    randomWeights("random-weights",
                  cl::desc("Use deterministic random parameters (--seed)"),
                  cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of --random-weights"),
                              cl::init(0), cl::cat(runCategory));
static cl::opt<std::string>
    saveWeights("save-weights",
                cl::desc("Write the parameters used (e.g. random ones) to "
                         "this safetensors file"),
                cl::value_desc("file"), cl::cat(runCategory));
static cl::list<std::string>
    inputs("input", cl::desc("An input as name=file.npy (x, t, y, cfg_scale)"),
           cl::value_desc("name=file"), cl::cat(runCategory));
static cl::opt<std::string> outputFilename("output",
                                           cl::desc("Output .npy file (f32)"),
                                           cl::value_desc("file"),
                                           cl::cat(runCategory));
static cl::opt<std::string>
    pipeline("pipeline",
             cl::desc("Pass pipeline lowering the module to LLVM (default "
                      "dit-lower-to-cpu)"),
             cl::init("dit-lower-to-cpu"), cl::cat(runCategory));
static cl::opt<std::string> entry("entry", cl::desc("Entry function"),
                                  cl::init("forward"), cl::cat(runCategory));
static cl::opt<unsigned>
    optLevel("O",
             cl::desc("LLVM optimization level of the JIT (0-3, default 3)"),
             cl::init(3), cl::Prefix, cl::cat(runCategory));
static cl::opt<bool>
    checkOnly("check-only",
              cl::desc("Validate the weights and inputs against the module, "
                       "then exit without compiling or running"),
              cl::cat(runCategory));
static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Run the entry function this many times and print the "
                    "best wall time"),
           cl::init(1), cl::cat(runCategory));

/// Prints `message` as an error and returns the exit code 1.
static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "dit-run") << message << "\n";
  return 1;
}

namespace {

/// One argument of the entry function.
struct Argument {
  std::string name;
  RankedTensorType type;
  /// Host data in the argument's element type.
  std::vector<char> data;
};

/// Returns the byte size of one element of a module tensor type.
int64_t elementBytes(Type type) {
  return (type.getIntOrFloatBitWidth() + 7) / 8;
}

/// Writes `value` into element `i` of `out` as `type` (f32, f16, bf16).
void storeFloat(Type type, char *out, int64_t i, double value) {
  float single = static_cast<float>(value);
  if (type.isF32()) {
    std::memcpy(out + 4 * i, &single, 4);
    return;
  }
  uint16_t bits =
      type.isBF16() ? floatToBFloat16Bits(single) : floatToHalfBits(single);
  std::memcpy(out + 2 * i, &bits, 2);
}

/// Reads element `i` of `data` of `type` (f32, f16, bf16) as float.
float loadFloat(Type type, const char *data, int64_t i) {
  if (type.isF32()) {
    float value;
    std::memcpy(&value, data + 4 * i, 4);
    return value;
  }
  uint16_t bits;
  std::memcpy(&bits, data + 2 * i, 2);
  return type.isBF16() ? bfloat16BitsToFloat(bits) : halfBitsToFloat(bits);
}

/// Converts `tensor` to the element type of `arg`, checking shape and that
/// the conversion is allowed: floats round to the module's float type,
/// integers convert exactly or are rejected.
llvm::Error convertInto(const HostTensor &tensor, Argument &arg,
                        StringRef origin) {
  auto error = [&](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   origin + ": " + message);
  };
  ArrayRef<int64_t> shape = arg.type.getShape();
  bool scalarOk =
      shape.empty() && tensor.numElements() == 1 && tensor.shape.size() <= 1;
  if (ArrayRef<int64_t>(tensor.shape) != shape && !scalarOk)
    return error("'" + arg.name + "' has shape " + formatShape(tensor.shape) +
                 ", the module expects " + formatShape(shape));
  Type elementType = arg.type.getElementType();
  int64_t count = tensor.numElements();
  arg.data.assign(count * elementBytes(elementType), 0);
  char *out = arg.data.data();
  if (elementType.isInteger(64)) {
    for (int64_t i = 0; i < count; ++i) {
      int64_t value;
      if (!tensor.getAsInt64(i, value)) {
        double asDouble = tensor.getAsDouble(i);
        if (!isFloatKind(tensor.kind) || std::trunc(asDouble) != asDouble ||
            std::fabs(asDouble) > 9007199254740992.0)
          return error("'" + arg.name + "' element " + llvm::Twine(i) +
                       " is not an integer");
        value = static_cast<int64_t>(asDouble);
      }
      std::memcpy(out + 8 * i, &value, 8);
    }
    return llvm::Error::success();
  }
  bool timesteps = elementType.isF32() && arg.name == "t";
  if (!isFloatKind(tensor.kind) && !timesteps && arg.name != "cfg_scale")
    return error("'" + arg.name + "' must be a floating-point array, got " +
                 getSafeTensorsName(tensor.kind));
  for (int64_t i = 0; i < count; ++i) {
    double value = tensor.getAsDouble(i);
    if (!isFloatKind(tensor.kind)) {
      int64_t exact;
      // Integers (numpy's default int64 timesteps) must convert exactly.
      if (!tensor.getAsInt64(i, exact) || std::fabs(double(exact)) > 16777216.0)
        return error("'" + arg.name + "' element " + llvm::Twine(i) +
                     " is not exactly representable as f32");
      value = static_cast<double>(exact);
    }
    storeFloat(elementType, out, i, value);
  }
  return llvm::Error::success();
}

/// Fills `arg` with deterministic random values: weights ~ N(0, 1/fan_in),
/// 1-D tensors (biases) ~ N(0, 0.02^2), the label table ~ N(0, 1).
void fillRandom(Argument &arg, std::mt19937_64 &generator) {
  ArrayRef<int64_t> shape = arg.type.getShape();
  int64_t fanIn = 1;
  for (int64_t dim : shape.drop_front())
    fanIn *= dim;
  double stddev = shape.size() == 1 ? 0.02 : 1.0 / std::sqrt(double(fanIn));
  if (StringRef(arg.name).contains("embedding_table"))
    stddev = 1.0;
  std::normal_distribution<double> normal(0.0, stddev);
  int64_t count = arg.type.getNumElements();
  Type elementType = arg.type.getElementType();
  arg.data.assign(count * elementBytes(elementType), 0);
  for (int64_t i = 0; i < count; ++i)
    storeFloat(elementType, arg.data.data(), i, normal(generator));
}

/// Returns the safetensors element kind of a module float type.
ElementKind kindOf(Type type) {
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF16())
    return ElementKind::F16;
  if (type.isBF16())
    return ElementKind::BF16;
  return ElementKind::I64;
}

/// A strided memref descriptor for the C interface: {allocated, aligned,
/// offset, sizes[rank], strides[rank]}.
std::vector<int64_t> makeDescriptor(void *data, ArrayRef<int64_t> shape) {
  std::vector<int64_t> descriptor;
  descriptor.push_back(reinterpret_cast<int64_t>(data));
  descriptor.push_back(reinterpret_cast<int64_t>(data));
  descriptor.push_back(0);
  for (int64_t dim : shape)
    descriptor.push_back(dim);
  int64_t stride = 1;
  std::vector<int64_t> strides(shape.size());
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= shape[i];
  }
  descriptor.insert(descriptor.end(), strides.begin(), strides.end());
  return descriptor;
}

} // namespace

/// Loads every argument of `func` from the weights file, the random
/// generator and the --input files; fails before anything runs.
static llvm::Error loadArguments(func::FuncOp func,
                                 std::vector<Argument> &args) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  llvm::StringMap<std::string> inputFiles;
  for (StringRef spec : inputs) {
    auto [name, file] = spec.split('=');
    if (name.empty() || file.empty())
      return error("--input expects name=file.npy, got '" + spec + "'");
    if (!inputFiles.try_emplace(name, file.str()).second)
      return error("input '" + name + "' given twice");
  }
  if (weightsFilename.empty() == !randomWeights)
    return error("give exactly one of --weights=FILE and --random-weights");

  std::unique_ptr<SafeTensorsFile> weights;
  if (!weightsFilename.empty()) {
    auto opened = SafeTensorsFile::open(weightsFilename);
    if (!opened)
      return opened.takeError();
    weights = std::move(*opened);
  }
  std::mt19937_64 generator(seed);
  llvm::StringSet<> used, usedWeights;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    Argument arg;
    auto nameAttr = func.getArgAttrOfType<StringAttr>(i, kArgNameAttr);
    arg.type = dyn_cast<RankedTensorType>(func.getArgument(i).getType());
    if (!nameAttr || !arg.type || !arg.type.hasStaticShape())
      return error("argument #" + llvm::Twine(i) + " of @" + entry +
                   " needs a static tensor type and a 'dit.name' attribute");
    arg.name = nameAttr.getValue().str();
    Type elementType = arg.type.getElementType();
    bool isLabel = arg.name == "y",
         isF32Input = arg.name == "t" || arg.name == "cfg_scale";
    bool supported = isLabel ? elementType.isInteger(64)
                     : isF32Input
                         ? elementType.isF32()
                         : (elementType.isF32() || elementType.isF16() ||
                            elementType.isBF16());
    if (!supported) {
      std::string typeName;
      llvm::raw_string_ostream os(typeName);
      elementType.print(os);
      return error("argument '" + arg.name + "' of @" + entry +
                   " has unsupported element type " + typeName +
                   " (dit-run handles f32/f16/bf16 tensors, f32 t and "
                   "cfg_scale, i64 y)");
    }
    if (auto file = inputFiles.find(arg.name); file != inputFiles.end()) {
      used.insert(arg.name);
      llvm::Expected<HostTensor> tensor = readNpy(file->second);
      if (!tensor)
        return tensor.takeError();
      if (llvm::Error err = convertInto(*tensor, arg, file->second))
        return err;
    } else if (arg.name == "x" || arg.name == "t" || arg.name == "y" ||
               arg.name == "cfg_scale") {
      return error("missing input '" + arg.name + "' (--input=" + arg.name +
                   "=file.npy)");
    } else if (weights) {
      const TensorView *view = weights->lookup(arg.name);
      if (!view)
        return error(weightsFilename + ": missing tensor '" + arg.name +
                     "' (shape " + formatShape(arg.type.getShape()) + ")");
      usedWeights.insert(arg.name);
      if (!isFloatKind(view->kind))
        return error(weightsFilename + ": tensor '" + arg.name +
                     "' has dtype " + getSafeTensorsName(view->kind) +
                     ", expected F32, F16 or BF16");
      HostTensor tensor{
          view->kind, view->shape,
          std::vector<char>(view->bytes.begin(), view->bytes.end())};
      if (llvm::Error err = convertInto(tensor, arg, weightsFilename))
        return err;
    } else {
      fillRandom(arg, generator);
    }
    args.push_back(std::move(arg));
  }
  for (const auto &file : inputFiles)
    if (!used.contains(file.getKey()))
      return error("unknown input '" + file.getKey() + "' (@" + entry +
                   " takes x, t, y" +
                   (func.getNumArguments() > 3 && args.size() > 3 &&
                            args[3].name == "cfg_scale"
                        ? ", cfg_scale"
                        : "") +
                   ")");
  if (weights) {
    for (const std::string &name : weights->getNames()) {
      // Real checkpoints carry the fixed pos_embed buffer: it is computed
      // in the IR, so it is ignored here.
      if (!usedWeights.contains(name) && name != "pos_embed")
        return error(weightsFilename + ": unexpected tensor '" + name +
                     "' (not a parameter of this model)");
    }
  }
  // Labels index the embedding table: reject out-of-range ones.
  for (const Argument &arg : args) {
    if (arg.name != "y")
      continue;
    auto table = llvm::find_if(args, [](const Argument &a) {
      return a.name == "y_embedder.embedding_table.weight";
    });
    int64_t rows = table == args.end() ? 0 : table->type.getDimSize(0);
    for (int64_t i = 0; i < arg.type.getNumElements(); ++i) {
      int64_t label;
      std::memcpy(&label, arg.data.data() + 8 * i, 8);
      if (table != args.end() && (label < 0 || label >= rows))
        return error("label y[" + llvm::Twine(i) + "] = " + llvm::Twine(label) +
                     " is outside [0, " + llvm::Twine(rows - 1) + "]");
    }
  }
  return llvm::Error::success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAllPasses();
  registerAllDiTPasses();
  cl::HideUnrelatedOptions(runCategory);
  if (!cl::ParseCommandLineOptions(
          argc, argv, "dit-run: JIT-compile and run a DiT module on the CPU\n",
          &llvm::errs()))
    return 1;
  if (repeat == 0)
    return fail("--repeat must be positive");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllDiTDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(inputFilename, sourceMgr, &context);
  if (!module)
    return 1;
  auto func = module->lookupSymbol<func::FuncOp>(entry);
  if (!func)
    return fail("no function @" + entry + " in " + inputFilename);
  if (func.getNumResults() != 1 ||
      !isa<RankedTensorType>(func.getResultTypes()[0]))
    return fail("@" + entry + " must return one tensor");
  auto resultType = cast<RankedTensorType>(func.getResultTypes()[0]);
  Type resultElement = resultType.getElementType();
  if (!resultType.hasStaticShape() ||
      !(resultElement.isF32() || resultElement.isF16() ||
        resultElement.isBF16()))
    return fail("@" + entry + " must return a static f32, f16 or bf16 tensor");

  std::vector<Argument> args;
  if (llvm::Error err = loadArguments(func, args))
    return fail(llvm::toString(std::move(err)));
  if (!saveWeights.empty()) {
    std::vector<std::pair<std::string, HostTensor>> tensors;
    for (const Argument &arg : args)
      if (arg.name.find('.') != std::string::npos)
        tensors.push_back(
            {arg.name,
             HostTensor{kindOf(arg.type.getElementType()),
                        SmallVector<int64_t>(arg.type.getShape()), arg.data}});
    if (llvm::Error err = writeSafeTensors(saveWeights, tensors))
      return fail(llvm::toString(std::move(err)));
  }

  if (checkOnly) {
    llvm::outs() << "dit-run: " << args.size() << " arguments match @" << entry
                 << "\n";
    return 0;
  }

  // Lower to LLVM and JIT. The argument names have been used: drop them so
  // that the LLVM translation does not see unknown parameter attributes.
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    func.removeArgAttr(i, kArgNameAttr);
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                UnitAttr::get(&context));
  PassManager pm(&context);
  std::string pipelineError;
  llvm::raw_string_ostream pipelineErrors(pipelineError);
  if (failed(parsePassPipeline(pipeline, pm, pipelineErrors)))
    return fail("invalid --pipeline: " + pipelineError);
  if (failed(pm.run(*module)))
    return fail("lowering '" + inputFilename + "' with '" + pipeline +
                "' failed");

  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  if (optLevel > 3)
    return fail("-O must be 0, 1, 2 or 3");
  auto transformer = makeOptimizingTransformer(/*optLevel=*/optLevel,
                                               /*sizeLevel=*/0,
                                               /*targetMachine=*/nullptr);
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel =
      static_cast<llvm::CodeGenOptLevel>(optLevel.getValue());
  SmallVector<StringRef> sharedLibraries = {DIT_C_RUNNER_UTILS, DIT_LIBOMP};
  engineOptions.sharedLibPaths = sharedLibraries;
  auto engine = ExecutionEngine::create(*module, engineOptions);
  if (!engine)
    return fail("JIT compilation failed: " +
                llvm::toString(engine.takeError()));

  // Pack the C-interface arguments: the result descriptor first.
  std::vector<std::vector<int64_t>> descriptors;
  descriptors.push_back(std::vector<int64_t>(3 + 2 * resultType.getRank(), 0));
  for (Argument &arg : args)
    descriptors.push_back(makeDescriptor(arg.data.data(), arg.type.getShape()));
  std::vector<void *> descriptorPointers;
  for (auto &descriptor : descriptors)
    descriptorPointers.push_back(descriptor.data());
  std::vector<void *> packed;
  for (void *&pointer : descriptorPointers)
    packed.push_back(&pointer);

  double best = 0;
  std::vector<char> output;
  for (unsigned run = 0; run < repeat; ++run) {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error err =
            (*engine)->invokePacked("_mlir_ciface_" + entry, packed))
      return fail("running @" + entry +
                  " failed: " + llvm::toString(std::move(err)));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    best = run == 0 ? seconds : std::min(best, seconds);
    // Copy the result out (honouring its strides) and free its buffer.
    std::vector<int64_t> &result = descriptors.front();
    int64_t rank = resultType.getRank();
    auto *base = reinterpret_cast<char *>(result[1]);
    Type elementType = resultType.getElementType();
    int64_t count = resultType.getNumElements(),
            bytes = elementBytes(elementType);
    output.assign(count * 4, 0);
    for (int64_t i = 0; i < count; ++i) {
      int64_t offset = result[2], rest = i;
      for (int64_t d = rank - 1; d >= 0; --d) {
        offset += (rest % result[3 + d]) * result[3 + rank + d];
        rest /= result[3 + d];
      }
      float value = loadFloat(elementType, base + offset * bytes, 0);
      std::memcpy(output.data() + 4 * i, &value, 4);
    }
    free(reinterpret_cast<void *>(result[0]));
  }
  if (repeat > 1)
    llvm::outs() << llvm::format("@%s: best of %u runs: %.3f ms\n",
                                 entry.c_str(), repeat.getValue(), best * 1e3);

  if (!outputFilename.empty()) {
    HostTensor out{ElementKind::F32,
                   SmallVector<int64_t>(resultType.getShape()),
                   std::move(output)};
    if (llvm::Error err = writeNpy(outputFilename, out))
      return fail(llvm::toString(std::move(err)));
  }
  return 0;
}
