def register_signal_handlers() -> None:
    pass
