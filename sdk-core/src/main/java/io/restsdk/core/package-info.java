/**
 * The public API of restsdk: {@link io.restsdk.core.RestClient}, {@link io.restsdk.core.Resource},
 * {@link io.restsdk.core.ApiRequest}, {@link io.restsdk.core.ApiResponse} and the
 * {@link io.restsdk.core.SdkException} hierarchy.
 *
 * <p>Everything here is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.restsdk.core;

import org.jspecify.annotations.NullMarked;
