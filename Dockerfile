FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir /app
ENV CHAINLENS_BACKEND=neo4j
EXPOSE 8000
CMD ["chainlens", "serve", "--host", "0.0.0.0", "--port", "8000"]
