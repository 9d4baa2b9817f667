/** Implementation details of restsdk; not exported, not API, may change in any release. */
@NullMarked
package io.restsdk.core.internal;

import org.jspecify.annotations.NullMarked;
