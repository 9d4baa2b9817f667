package io.restsdk.etag.redis;
