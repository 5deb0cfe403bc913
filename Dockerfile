# The production image: uvicorn serving HTTP and WebSocket, static files through WhiteNoise.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000

RUN useradd --create-home --uid 1000 cluster
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --no-cache-dir pip==26.3 && pip install --no-cache-dir --group app

COPY --chown=cluster:cluster . .
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --no-input

USER cluster
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && exec uvicorn cms.asgi:application --host 0.0.0.0 --port ${PORT} --workers ${WEB_CONCURRENCY:-2} --proxy-headers"]
