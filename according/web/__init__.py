"""The web app and HTTP API (FastAPI, served by uvicorn): ``according serve``."""

from according.web.app import create_app

__all__ = ["create_app"]
