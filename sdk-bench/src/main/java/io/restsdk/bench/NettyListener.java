package io.restsdk.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * {@link ItemRoutes} on Netty: NIO event loops, the HTTP/1.1 codec with keep-alive, and bodies
 * written from the precomputed byte arrays without copying.
 */
final class NettyListener implements BenchServer.Listener {
  private static final AsciiString JSON = AsciiString.cached("application/json");
  private static final AsciiString NO_CACHE = AsciiString.cached("no-cache");

  private final EventLoopGroup group;
  private final Channel channel;

  private NettyListener(ItemRoutes routes, int threads) throws InterruptedException {
    this.group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), NioIoHandler.newFactory());
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(1 << 20))
                .addLast(new Handler(routes));
          }
        });
    this.channel = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .sync().channel();
  }

  /** Listens on an ephemeral loopback port with {@code threads} event loops. */
  static NettyListener start(ItemRoutes routes, int threads) {
    try {
      return new NettyListener(routes, threads);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    }
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One request in, one response out; shared by every connection (it keeps no state). */
  @io.netty.channel.ChannelHandler.Sharable
  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ItemRoutes routes;

    Handler(ItemRoutes routes) {
      this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      String uri = req.uri();
      int q = uri.indexOf('?');
      String path = q >= 0 ? uri.substring(0, q) : uri;
      HttpHeaders in = req.headers();
      int port = ((InetSocketAddress) ctx.channel().remoteAddress()).getPort();
      ItemRoutes.Reply r = routes.handle(port, req.method().name(), path,
          in.get(HttpHeaderNames.IF_NONE_MATCH), in.get(HttpHeaderNames.IF_MATCH));

      ByteBuf body = r.length() == 0 ? Unpooled.EMPTY_BUFFER
          : Unpooled.wrappedBuffer(r.body().toArray(new byte[0][]));
      FullHttpResponse res = new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), body);
      HttpHeaders h = res.headers();
      if (r.etag() != null) h.set(HttpHeaderNames.ETAG, r.etag());
      if (r.location() != null) h.set(HttpHeaderNames.LOCATION, r.location());
      if (r.noCache()) h.set(HttpHeaderNames.CACHE_CONTROL, NO_CACHE);
      if (r.length() > 0) h.set(HttpHeaderNames.CONTENT_TYPE, JSON);
      // 204 and 304 carry no Content-Length; every other status states its length.
      if (r.status() != 204 && r.status() != 304) HttpUtil.setContentLength(res, r.length());
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      if (keepAlive) {
        if (req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
          h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(res);
      } else {
        h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
