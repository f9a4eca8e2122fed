//===- ModelBuilder.cpp - build a DiT forward pass as dit IR --------------===//
//
// Emits the eager DiT forward pass, op by op as the reference PyTorch model
// runs it, with module-path locations (blocks.3.attn.qkv) and one entry
// argument per state-dict tensor in PyTorch's layout.
//
//===----------------------------------------------------------------------===//

#include "dit/Model/ModelBuilder.h"
#include "dialects/DiT/IR/DiTOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>

using namespace mlir;
using namespace dit;

namespace {

/// Emits the forward pass of one configuration.
class ForwardBuilder {
public:
  ForwardBuilder(MLIRContext *context, const DiTConfig &config)
      : context(context), config(config), builder(context) {
    switch (config.dtype) {
    case ModelDType::F32:
      dtype = builder.getF32Type();
      break;
    case ModelDType::F16:
      dtype = builder.getF16Type();
      break;
    case ModelDType::BF16:
      dtype = builder.getBF16Type();
      break;
    }
  }

  OwningOpRef<ModuleOp> build();

private:
  /// A tensor of the model dtype.
  RankedTensorType tensor(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, dtype);
  }
  /// A location naming the module path `path`.
  Location loc(const Twine &path) {
    return NameLoc::get(builder.getStringAttr(path));
  }
  /// Declares an entry argument named `name` of type `type`.
  void declare(StringRef name, Type type) {
    argNames.push_back(name.str());
    argTypes.push_back(type);
  }
  /// Declares the weight [out, in] and bias [out] of Linear `path`.
  void declareLinear(const Twine &path, int64_t in, int64_t out) {
    declare((path + ".weight").str(), tensor({out, in}));
    declare((path + ".bias").str(), tensor({out}));
  }
  /// Returns the entry argument named `name`.
  Value arg(const Twine &name) {
    auto it = argsByName.find(name.str());
    assert(it != argsByName.end() && "undeclared argument");
    return it->second;
  }

  /// Emits Linear `path` on `input`, consuming its weight and bias.
  Value linear(const Twine &path, Value input, int64_t out);
  /// Emits adaLN: SiLU(c) then Linear(D -> chunks * D) split into chunks.
  SmallVector<Value> adaLN(const Twine &prefix, Value c, int64_t chunks);
  Value block(int64_t index, Value x, Value c);

  void declareArguments();
  void emitBody();

  MLIRContext *context;
  const DiTConfig &config;
  OpBuilder builder;
  Type dtype;
  SmallVector<std::string> argNames;
  SmallVector<Type> argTypes;
  llvm::StringMap<Value> argsByName;
};

} // namespace

Value ForwardBuilder::linear(const Twine &path, Value input, int64_t out) {
  Value weight = arg(path + ".weight");
  Value bias = arg(path + ".bias");
  SmallVector<int64_t> shape(
      cast<RankedTensorType>(input.getType()).getShape().drop_back());
  shape.push_back(out);
  return LinearOp::create(builder, loc(path), tensor(shape), input, weight,
                          bias);
}

SmallVector<Value> ForwardBuilder::adaLN(const Twine &prefix, Value c,
                                         int64_t chunks) {
  int64_t n = config.networkBatch(), d = config.hidden;
  Value activated =
      SiluOp::create(builder, loc(prefix + ".adaLN_modulation.0"), c);
  Value modulation =
      linear(prefix + ".adaLN_modulation.1", activated, chunks * d);
  SmallVector<Type> types(chunks, tensor({n, d}));
  auto chunk = ChunkOp::create(builder, loc(prefix + ".adaLN_modulation"),
                               types, modulation);
  return SmallVector<Value>(chunk.getResults());
}

Value ForwardBuilder::block(int64_t index, Value x, Value c) {
  std::string prefix = "blocks." + std::to_string(index);
  int64_t n = config.networkBatch(), t = config.tokens(), d = config.hidden;
  int64_t h = config.heads, hd = config.headDim();
  SmallVector<Value> mod = adaLN(prefix, c, 6);
  Value shiftMsa = mod[0], scaleMsa = mod[1], gateMsa = mod[2];
  Value shiftMlp = mod[3], scaleMlp = mod[4], gateMlp = mod[5];
  FloatAttr eps = builder.getF64FloatAttr(DiTConfig::kLayerNormEpsilon);

  // x = x + gate_msa * attn(modulate(norm1(x), shift_msa, scale_msa))
  Value norm1 = LayerNormOp::create(builder, loc(prefix + ".norm1"),
                                    x.getType(), x, Value(), Value(), eps);
  Value mod1 = ModulateOp::create(builder, loc(prefix + ".modulate_msa"), norm1,
                                  shiftMsa, scaleMsa);
  Value qkv = linear(prefix + ".attn.qkv", mod1, 3 * d);
  auto heads = SplitHeadsOp::create(
      builder, loc(prefix + ".attn.split_heads"), tensor({n, h, t, hd}),
      tensor({n, h, t, hd}), tensor({n, h, t, hd}), qkv);
  Value scores = BatchMatmulOp::create(
      builder, loc(prefix + ".attn.qk"), tensor({n, h, t, t}), heads.getQ(),
      heads.getK(), /*transpose_rhs=*/builder.getUnitAttr());
  Value scaled = ScaleOp::create(
      builder, loc(prefix + ".attn.scale"), scores,
      builder.getF64FloatAttr(1.0 / std::sqrt(static_cast<double>(hd))));
  Value probs =
      SoftmaxOp::create(builder, loc(prefix + ".attn.softmax"), scaled);
  Value attended = BatchMatmulOp::create(
      builder, loc(prefix + ".attn.av"), tensor({n, h, t, hd}), probs,
      heads.getV(), /*transpose_rhs=*/nullptr);
  Value merged = MergeHeadsOp::create(
      builder, loc(prefix + ".attn.merge_heads"), tensor({n, t, d}), attended);
  Value proj = linear(prefix + ".attn.proj", merged, d);
  x = GatedResidualOp::create(builder, loc(prefix + ".residual_msa"), x,
                              gateMsa, proj);

  // x = x + gate_mlp * mlp(modulate(norm2(x), shift_mlp, scale_mlp))
  Value norm2 = LayerNormOp::create(builder, loc(prefix + ".norm2"),
                                    x.getType(), x, Value(), Value(), eps);
  Value mod2 = ModulateOp::create(builder, loc(prefix + ".modulate_mlp"), norm2,
                                  shiftMlp, scaleMlp);
  Value fc1 = linear(prefix + ".mlp.fc1", mod2, DiTConfig::kMlpRatio * d);
  Value act = GeluOp::create(builder, loc(prefix + ".mlp.act"),
                             GeluApproximation::Tanh, fc1);
  Value fc2 = linear(prefix + ".mlp.fc2", act, d);
  x = GatedResidualOp::create(builder, loc(prefix + ".residual_mlp"), x,
                              gateMlp, fc2);
  return x;
}

void ForwardBuilder::declareArguments() {
  int64_t n = config.batch, d = config.hidden, p = config.patch;
  int64_t latent = config.latentSize(), c = config.inChannels;
  declare("x", tensor({n, c, latent, latent}));
  declare("t", RankedTensorType::get({n}, builder.getF32Type()));
  declare("y", RankedTensorType::get({n}, builder.getI64Type()));
  if (config.cfg)
    declare("cfg_scale", RankedTensorType::get({}, builder.getF32Type()));
  // State-dict order of the reference implementation (pos_embed is a fixed
  // function of the shape, built in the IR).
  declare("x_embedder.proj.weight", tensor({d, c, p, p}));
  declare("x_embedder.proj.bias", tensor({d}));
  declareLinear("t_embedder.mlp.0", DiTConfig::kFrequencyDim, d);
  declareLinear("t_embedder.mlp.2", d, d);
  declare("y_embedder.embedding_table.weight",
          tensor({config.numClasses + 1, d}));
  for (int64_t i = 0; i < config.depth; ++i) {
    std::string prefix = "blocks." + std::to_string(i);
    declareLinear(prefix + ".attn.qkv", d, 3 * d);
    declareLinear(prefix + ".attn.proj", d, d);
    declareLinear(prefix + ".mlp.fc1", d, DiTConfig::kMlpRatio * d);
    declareLinear(prefix + ".mlp.fc2", DiTConfig::kMlpRatio * d, d);
    declareLinear(prefix + ".adaLN_modulation.1", d, 6 * d);
  }
  declareLinear("final_layer.linear", d, p * p * config.outChannels());
  declareLinear("final_layer.adaLN_modulation.1", d, 2 * d);
}

void ForwardBuilder::emitBody() {
  int64_t n = config.networkBatch(), d = config.hidden;
  int64_t t = config.tokens(), grid = config.gridSize();
  Value x = arg("x"), timesteps = arg("t"), labels = arg("y");
  if (config.cfg) {
    int64_t latent = config.latentSize();
    auto doubled = CfgBatchOp::create(
        builder, loc("cfg"), tensor({n, config.inChannels, latent, latent}),
        RankedTensorType::get({n}, builder.getF32Type()),
        RankedTensorType::get({n}, builder.getI64Type()), x, timesteps, labels,
        builder.getI64IntegerAttr(config.numClasses));
    x = doubled.getLatentOut();
    timesteps = doubled.getTimestepsOut();
    labels = doubled.getLabelsOut();
  }

  // Patch embedding plus the fixed positional embedding.
  Value tokens = PatchEmbedOp::create(
      builder, loc("x_embedder.proj"), tensor({n, t, d}), x,
      arg("x_embedder.proj.weight"), arg("x_embedder.proj.bias"));
  Value pos =
      PosEmbedOp::create(builder, loc("pos_embed"), tensor({t, d}), grid, grid);
  Value h = AddOp::create(builder, loc("pos_embed"), tokens, pos);

  // Conditioning c = t_embedder(t) + y_embedder(y).
  Value freq =
      TimestepSinusoidOp::create(builder, loc("t_embedder.timestep_embedding"),
                                 tensor({n, DiTConfig::kFrequencyDim}),
                                 timesteps, builder.getF64FloatAttr(10000.0));
  Value t0 = linear("t_embedder.mlp.0", freq, d);
  Value t1 = SiluOp::create(builder, loc("t_embedder.mlp.1"), t0);
  Value tEmb = linear("t_embedder.mlp.2", t1, d);
  Value yEmb = LabelEmbedOp::create(
      builder, loc("y_embedder"), tensor({n, d}), labels,
      arg("y_embedder.embedding_table.weight"), config.numClasses);
  Value c = AddOp::create(builder, loc("conditioning"), tEmb, yEmb);

  for (int64_t i = 0; i < config.depth; ++i)
    h = block(i, h, c);

  // Final layer.
  SmallVector<Value> mod = adaLN("final_layer", c, 2);
  Value norm = LayerNormOp::create(
      builder, loc("final_layer.norm_final"), h.getType(), h, Value(), Value(),
      builder.getF64FloatAttr(DiTConfig::kLayerNormEpsilon));
  Value modulated = ModulateOp::create(builder, loc("final_layer.modulate"),
                                       norm, mod[0], mod[1]);
  int64_t p = config.patch, out = config.outChannels();
  Value patches = linear("final_layer.linear", modulated, p * p * out);
  int64_t latent = config.latentSize();
  Value image = UnpatchifyOp::create(
      builder, loc("unpatchify"), tensor({n, out, latent, latent}), patches, p);
  if (config.cfg)
    image = CfgCombineOp::create(builder, loc("cfg"),
                                 tensor({config.batch, out, latent, latent}),
                                 image, arg("cfg_scale"), config.cfgChannels);
  func::ReturnOp::create(builder, loc("return"), image);
}

OwningOpRef<ModuleOp> ForwardBuilder::build() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(context));
  declareArguments();
  int64_t latent = config.latentSize();
  Type resultType =
      tensor({config.batch, config.outChannels(), latent, latent});
  builder.setInsertionPointToEnd(module->getBody());
  auto func =
      func::FuncOp::create(builder, loc("forward"), kForwardFunctionName,
                           builder.getFunctionType(argTypes, {resultType}));
  for (auto [index, name] : llvm::enumerate(argNames))
    func.setArgAttr(index, kArgNameAttr, builder.getStringAttr(name));
  Block *entry = func.addEntryBlock();
  for (auto [name, value] : llvm::zip(argNames, entry->getArguments()))
    argsByName[name] = value;
  builder.setInsertionPointToStart(entry);
  emitBody();

  module->getOperation()->setAttr(kImagesPerCallAttr,
                                  builder.getI64IntegerAttr(config.batch));
  NamedAttribute fields[] = {
      builder.getNamedAttr("model", builder.getStringAttr(config.name)),
      builder.getNamedAttr("depth", builder.getI64IntegerAttr(config.depth)),
      builder.getNamedAttr("hidden", builder.getI64IntegerAttr(config.hidden)),
      builder.getNamedAttr("heads", builder.getI64IntegerAttr(config.heads)),
      builder.getNamedAttr("patch", builder.getI64IntegerAttr(config.patch)),
      builder.getNamedAttr("image_size",
                           builder.getI64IntegerAttr(config.imageSize)),
      builder.getNamedAttr("batch", builder.getI64IntegerAttr(config.batch)),
      builder.getNamedAttr("in_channels",
                           builder.getI64IntegerAttr(config.inChannels)),
      builder.getNamedAttr("num_classes",
                           builder.getI64IntegerAttr(config.numClasses)),
      builder.getNamedAttr("learn_sigma",
                           builder.getBoolAttr(config.learnSigma)),
      builder.getNamedAttr(
          "dtype", builder.getStringAttr(stringifyModelDType(config.dtype))),
      builder.getNamedAttr("cfg", builder.getBoolAttr(config.cfg)),
  };
  module->getOperation()->setAttr(kConfigAttr,
                                  builder.getDictionaryAttr(fields));
  return module;
}

OwningOpRef<ModuleOp> dit::buildDiTModule(MLIRContext *context,
                                          const DiTConfig &config) {
  return ForwardBuilder(context, config).build();
}
