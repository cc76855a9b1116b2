"""The web app and JSON API: analyse, compare, browse stories; ``create_app(options)``.

Pages render with autoescaping Jinja templates and the HTML report; the API speaks
the ``according/1`` JSON schema. Analysis runs in a worker pool (``web.work``);
body size, time per request and security headers are enforced by ``web.limits``.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile

from according.analysis import SCHEMA, Analysis
from according.errors import AccordingError, StoreError
from according.pipeline import Failure
from according.render import html
from according.settings import DEFAULTS, Options
from according.validate import check_text
from according.version import __version__
from according.web import docs, inputs, pages, stories, work
from according.web.limits import (
    BodyLimit,
    HostAndOrigin,
    SecurityHeaders,
    TimeLimit,
    allowed_hosts,
)


class ArticleIn(BaseModel):
    """One article: exactly one of ``text``, ``html`` or ``url``, plus optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article as plain text")
    html: str | None = Field(None, description="an HTML page; its article text is extracted")
    url: str | None = Field(
        None, description="fetch this page (only when the server's serve_fetch_urls is on)"
    )
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300, description="the publisher")
    published: str | None = Field(None, max_length=100)
    byline: str | None = Field(None, max_length=1000)

    def given(self) -> inputs.Given:
        meta = {k: getattr(self, k) for k in inputs.META_FIELDS}
        data = self.html.encode("utf-8") if self.html else None
        return inputs.Given(self.text, data, "page.html", self.url, meta)


class CompareIn(BaseModel):
    """Two versions of an article to compare, ``a`` the earlier or original."""

    model_config = ConfigDict(extra="forbid")

    a: ArticleIn
    b: ArticleIn


class Problem(BaseModel):
    """An error the client can fix, in one sentence (``detail``); from the analysis, also
    the failure record every interface writes (``error``, ``error_kind``: input, fetch,
    store, error; see ``pipeline.Failure``)."""

    detail: str
    error: str | None = None
    error_kind: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": Problem, "description": "refused by the server's settings"},
    413: {"model": Problem, "description": "request body too large"},
    422: {"model": Problem, "description": "the input cannot be analysed"},
    504: {"model": Problem, "description": "the request took too long"},
}


def status_of(exc: AccordingError) -> int:
    """The HTTP status for an error the user can fix."""
    if isinstance(exc, inputs.Refused):
        return 403
    if isinstance(exc, stories.NotFound):
        return 404
    if isinstance(exc, StoreError):
        return 503  # the store is locked or damaged: the server's problem, not the request's
    if isinstance(exc, work.WorkTimeout):
        return 504
    if isinstance(exc, (work.WorkerDied, inputs.Busy)):
        return 503
    return 422


def without_paths(message: str, options: Options) -> str:
    """``message`` with the store's path (as set, and absolute) cut to its file name:
    a visitor learns nothing of the server's folders."""
    path = Path(options.store_path)
    for form in sorted({str(path.resolve()), str(path.absolute()), str(path)}, key=len)[::-1]:
        if form != path.name:
            message = message.replace(form, path.name)
    return message


def csp(options: Options) -> str:
    """The app's Content-Security-Policy: own files, plus the report's inline code by hash."""
    hashes = html.inline_hashes()
    return (
        "default-src 'none'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
        f"style-src 'self' {' '.join(hashes['style-src'])}; "
        f"script-src 'self' {' '.join(hashes['script-src'])}"
    )


def build(options: Options = DEFAULTS, processes: bool = True) -> FastAPI:
    """The FastAPI application alone (routes, no guards); ``create_app`` wraps it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.workers = work.Workers(options, processes)
        app.state.fetches = inputs.Fetches(options)
        try:
            yield
        finally:
            app.state.workers.shutdown()
            app.state.fetches.shutdown()

    app = FastAPI(
        title="according",
        version=__version__,
        description="Attributions, sources, relay chains and certainty in news articles.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.options = options
    app.mount("/static", StaticFiles(packages=[("according.web", "static")]), name="static")
    docs.add_docs(app)
    _api_routes(app, options)
    _store_routes(app, options)
    _page_routes(app, options)
    return app


def create_app(options: Options = DEFAULTS, processes: bool = True) -> Any:
    """The app as served: routes inside the body limit, time limit and security headers."""
    app = build(options, processes)
    body = BodyLimit(app, options.serve_max_body, options.serve_body_timeout)
    hosts = allowed_hosts(options.serve_host, options.serve_allowed_hosts)
    guarded = HostAndOrigin(TimeLimit(body, options.serve_timeout), hosts)
    return _Served(SecurityHeaders(guarded, csp(options)), app)


class _Served:
    """The guarded ASGI callable, keeping the FastAPI app at hand as ``.app``."""

    def __init__(self, asgi: Any, app: FastAPI) -> None:
        self.asgi = asgi
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.asgi(scope, receive, send)


async def analyze_given(request: Request, given: inputs.Given) -> Analysis:
    """Turn what was given into an article (in a thread) and analyse it (in the pool)."""
    options: Options = request.app.state.options
    article = await request.app.state.fetches.article(given)
    await asyncio.to_thread(check_text, article.text, options)  # cheap: refuse before queueing
    result = await request.app.state.workers.run(
        work.analyze_job, work.article_dict(article), options
    )
    work.raise_failure(result)
    return work.analysis_from(result)


async def comparison(request: Request, a: inputs.Given, b: inputs.Given) -> dict[str, Any]:
    """Both versions as articles, analysed and compared in the pool."""
    options: Options = request.app.state.options
    first = await request.app.state.fetches.article(a)
    second = await request.app.state.fetches.article(b)
    for article in (first, second):  # cheap: refuse before queueing for a worker
        await asyncio.to_thread(check_text, article.text, options)
    result = await request.app.state.workers.run(
        work.compare_job,
        work.article_dict(first),
        work.article_dict(second),
        options,
    )
    work.raise_failure(result)
    return result


def _api_routes(app: FastAPI, options: Options) -> None:
    @app.exception_handler(AccordingError)
    async def user_error(request: Request, exc: AccordingError) -> Response:
        status = status_of(exc)
        detail = without_paths(str(exc), options)
        if request.url.path.startswith("/api/"):
            record = Failure.of(exc).record()
            body = {
                "detail": detail,
                "error": without_paths(record["error"], options),
                "error_kind": record["error_kind"],
            }
            return JSONResponse(body, status_code=status)
        return pages.error(request, detail, status)

    @app.post("/api/analyze", responses=ERRORS, response_model=Analysis, tags=["api"])
    async def api_analyze(
        body: ArticleIn, request: Request, format: Literal["json", "html"] = "json"
    ) -> Any:
        """Analyse one article: the analysis as JSON (schema according/1) or an HTML report."""
        analysis = await analyze_given(request, body.given())
        if format == "html":
            return HTMLResponse(await asyncio.to_thread(html.render, analysis))
        return JSONResponse(analysis.to_dict())

    @app.post("/api/compare", responses=ERRORS, tags=["api"])
    async def api_compare(body: CompareIn, request: Request) -> Any:
        """Compare two versions: aligned sentences and every change in meaning."""
        result = await comparison(request, body.a.given(), body.b.given())
        return JSONResponse(result["comparison"])

    @app.get("/api/stories", responses=ERRORS, tags=["api"])
    async def api_stories(
        request: Request, limit: int = Query(100, ge=1, le=1000)
    ) -> list[dict[str, Any]]:
        """The stories in the server's store, newest first."""
        return await asyncio.to_thread(stories.listing, options, limit)

    @app.get(
        "/api/stories/{story_id}/trace",
        responses={**ERRORS, 404: {"model": Problem, "description": "no such story"}},
        tags=["api"],
    )
    async def api_trace(story_id: str, request: Request) -> dict[str, Any]:
        """Where a story's claims came from: the relay graph across its articles."""
        return await asyncio.to_thread(stories.trace, options, story_id)

    @app.get("/api/health", tags=["api"])
    async def health(request: Request) -> dict[str, Any]:
        """Liveness: the server answers, whether its workers are ready, its schema, and how
        many workers were replaced (timed out, died, recycled)."""
        workers = request.app.state.workers
        return {
            "status": "ok",
            "ready": workers.ready,
            "schema": SCHEMA,
            "replaced": workers.replaced,
        }


async def _form_given(form: Any, suffix: str = "") -> inputs.Given:
    """What one side of a form gave; an empty text box counts only if nothing else was given."""
    upload = form.get(f"file{suffix}")
    data = await upload.read() if isinstance(upload, UploadFile) and upload.filename else None
    url = form.get(f"url{suffix}")
    url = url if isinstance(url, str) and url.strip() else None
    text = form.get(f"text{suffix}")
    text = text if isinstance(text, str) else None
    if text is not None and not text.strip() and (data is not None or url):
        text = None
    meta = {k: form.get(f"{k}{suffix}") for k in inputs.META_FIELDS}
    filename = upload.filename if data is not None else None
    return inputs.Given(text, data, filename, url, meta)


def _store_routes(app: FastAPI, options: Options) -> None:
    """Stored articles: add one (analysed by the workers), list them, read one."""

    @app.post("/api/articles", status_code=201, responses=ERRORS, tags=["store"])
    async def api_add(body: ArticleIn, request: Request) -> dict[str, Any]:
        """Analyse one article and keep it in the server's store, placed in a story."""
        analysis = await analyze_given(request, body.given())
        return await asyncio.to_thread(stories.add, options, analysis)

    @app.get("/api/articles", tags=["store"])
    async def api_articles(
        limit: int = Query(100, ge=1, le=1000), story: int | None = Query(None, ge=1)
    ) -> list[dict[str, Any]]:
        """Stored articles, newest first: id, story, url, outlet, title, dates."""
        return await asyncio.to_thread(stories.articles, options, limit, story)

    @app.get(
        "/api/articles/{article_id}",
        responses={404: {"model": Problem, "description": "no such article"}},
        tags=["store"],
    )
    async def api_article(article_id: str) -> dict[str, Any]:
        """One stored article: its metadata and its analysis (schema according/1)."""
        meta, analysis = await asyncio.to_thread(stories.article, options, article_id)
        return {"article": meta, "analysis": analysis.to_dict()}

    @app.delete(
        "/api/articles/{article_id}",
        responses={404: {"model": Problem, "description": "no such article"}},
        tags=["store"],
    )
    async def api_delete(article_id: str) -> dict[str, Any]:
        """Remove a stored article (and its story, if it was the last one in it)."""
        return await asyncio.to_thread(stories.delete, options, article_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(article_id: str) -> Response:
        _, analysis = await asyncio.to_thread(stories.article, options, article_id)
        return HTMLResponse(await asyncio.to_thread(html.render, analysis, "/stories"))


def _page_routes(app: FastAPI, options: Options) -> None:
    async def form_of(request: Request) -> Any:
        try:
            return await request.form(max_part_size=options.serve_max_body)
        except Exception as exc:  # malformed multipart, bad encoding
            raise HTTPException(400, f"the form could not be read: {exc}") from None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request) -> Response:
        return pages.page(request, "index.html.j2", fetch_urls=options.serve_fetch_urls)

    @app.post("/report", response_class=HTMLResponse, include_in_schema=False)
    async def report(request: Request) -> Response:
        analysis = await analyze_given(request, await _form_given(await form_of(request)))
        return HTMLResponse(await asyncio.to_thread(html.render, analysis, "/"))

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_form(request: Request) -> Response:
        return pages.page(request, "compare.html.j2")

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_page(request: Request) -> Response:
        form = await form_of(request)
        result = await comparison(
            request, await _form_given(form, "_a"), await _form_given(form, "_b")
        )
        return HTMLResponse(await asyncio.to_thread(pages.compare_view, result))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(request: Request) -> Response:
        listing = await asyncio.to_thread(stories.listing, options, 200)
        store = Path(options.store_path).name  # the name only: no path of the server's
        return pages.page(request, "stories.html.j2", stories=listing, store=store)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str, request: Request) -> Response:
        trace = await asyncio.to_thread(stories.trace_page, options, story_id)
        return pages.page(request, "story.html.j2", story_id=story_id, trace=trace)
