# The production image: uvicorn serving HTTP and WebSocket behind nginx (docker-compose.yml).
# Python 3.11, 3.12 or 3.13: docker build --build-arg PYTHON_VERSION=3.13 .
ARG PYTHON_VERSION=3.11
FROM python:${PYTHON_VERSION}-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000

RUN useradd --create-home --uid 1000 cluster
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --no-cache-dir pip==26.3 && pip install --no-cache-dir --group app

COPY --chown=cluster:cluster . .
# Owned by the app's user, so the media, static and published-pages volumes mounted here start out writable by it.
RUN install -d -o cluster -g cluster media static_collected published_pages

USER cluster
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --no-input
EXPOSE 8000
# collectstatic again at start: the static volume outlives the image it was first filled from.
# --no-proxy-headers: the app, not uvicorn, reads X-Forwarded-For, from TRUSTED_PROXY_COUNT proxies only.
CMD ["sh", "-c", "python manage.py migrate --no-input && python manage.py collectstatic --no-input && exec uvicorn cms.asgi:application --host 0.0.0.0 --port ${PORT} --workers ${WEB_CONCURRENCY:-2} --no-proxy-headers"]
