"""Loads an exported model.py as its own module, so one process can hold several of them."""
import importlib.util
import os


def load_model_module(model_dir, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(model_dir, 'model.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
