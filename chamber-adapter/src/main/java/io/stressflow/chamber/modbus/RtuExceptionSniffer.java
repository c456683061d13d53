package io.stressflow.chamber.modbus;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers the exception code of the last RTU exception response seen on the wire. digitalpetri
 * 2.1.4's RTU client reports the function byte (e.g. 0x84) as the exception code; with one request
 * in flight the last exception frame is the one that failed, so {@link ModbusIo} takes the real
 * code from here. Frames that arrive split across reads are missed and then render as UNKNOWN.
 * Remove once the library is upgraded past the bug.
 */
@ChannelHandler.Sharable
final class RtuExceptionSniffer extends ChannelInboundHandlerAdapter {

  private final AtomicInteger lastCode = new AtomicInteger(-1);

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b
        && b.readableBytes() == 5
        && (b.getByte(b.readerIndex() + 1) & 0x80) != 0) {
      lastCode.set(b.getByte(b.readerIndex() + 2) & 0xFF);
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * The last exception code seen, consumed.
   *
   * @return the code, or -1 if none was seen since the last call.
   */
  int take() {
    return lastCode.getAndSet(-1);
  }
}
