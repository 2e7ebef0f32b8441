"""StoredComponent: the constructor and `create` that every trainable component here shares.
ConfigOnlyComponent: `create`, `load` and `process_training_data` of a component that stores nothing.

A trainable Rasa graph component keeps its config (defaults overlaid), and the model storage and
resource it persists to in `train` and reads back in `load`. A component that learns nothing (the crisis
detector, the crisis window splitter) is built from its config alone, at training and at load time, and
leaves the training data as it is.
"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData


class StoredComponent(GraphComponent):
    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **(config or {})}
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "StoredComponent":
        return cls(config, model_storage, resource)


class ConfigOnlyComponent(GraphComponent):
    """Subclasses define __init__(self, config)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ConfigOnlyComponent":
        return cls(config)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ConfigOnlyComponent":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
