# -*- Python -*-
# lit configuration of the dit regression suite (check-dit).

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "DIT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dit_obj_root, "test")
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "tools", "Inputs"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
# Debian's python3 has numpy; the first python3 on PATH may not.
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%closed_form", "/usr/bin/python3 " + os.path.join(config.dit_src_root, "test", "tools", "dit_cost_closed_form.py")))
config.substitutions.append(("%gpu_targets", os.path.join(config.dit_src_root, "data", "gpu-targets.json")))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

llvm_config.with_environment("PATH", config.dit_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tools = ["dit-opt", "dit-gen", "dit-run"]
llvm_config.add_tool_substitutions(tools, [config.dit_tools_dir])

if config.enable_cuda:
    config.available_features.add("cuda")
