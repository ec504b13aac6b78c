"""moto 5.2.1's server with PoseOps' extensions loaded.

Stock moto lacks some SageMaker/CloudWatch APIs and behaviours the aws adapters need (see docs/moto-notes.md). Each
module of the ``poseops_moto`` package next to this file patches moto's backends and response handlers at run time
(moto's own tree is never touched) and exposes ``install()``; this launcher installs every one of them, then starts
moto's server with the usual command-line arguments:

    python3 src/test/moto/poseops_moto_server.py -H 127.0.0.1 -p 5000

The tests start it through ``com.poseops.testsupport.MotoServer``.
"""
import importlib
import os
import pkgutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import poseops_moto  # noqa: E402


def install_extensions():
    installed = []
    for module_info in sorted(pkgutil.iter_modules(poseops_moto.__path__), key=lambda m: m.name):
        module = importlib.import_module("poseops_moto." + module_info.name)
        install = getattr(module, "install", None)
        if callable(install):
            install()
            installed.append(module_info.name)
    print("poseops_moto: extensions installed: " + (", ".join(installed) or "none"), flush=True)


if __name__ == "__main__":
    install_extensions()
    from moto.server import main

    main(sys.argv[1:])
