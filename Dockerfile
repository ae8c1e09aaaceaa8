# newsroom-bot: `docker build -t newsroom-bot .`, then configure it with environment variables
# (NEWSBOT_<SECTION>_<KEY>, see README "Deploying"); the database lives on the volume /data.
# Building needs the base image and the Python package index, nothing else.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md LICENSE NOTICE ./
COPY bot ./bot
COPY handlers ./handlers
COPY store ./store
RUN python -m venv /opt/newsbot && /opt/newsbot/bin/pip install --no-cache-dir .

FROM python:3.11-slim
COPY --from=build /opt/newsbot /opt/newsbot
COPY LICENSE NOTICE /usr/share/doc/newsroom-bot/
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home --shell /usr/sbin/nologin newsbot \
    && mkdir /data && chown newsbot:newsbot /data
ENV PATH=/opt/newsbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    NEWSBOT_STORE_DB=/data/newsroom.db \
    NEWSBOT_SERVE_HEALTH_PORT=8080
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["newsbot", "healthcheck"]
ENTRYPOINT ["newsbot"]
CMD ["serve"]
