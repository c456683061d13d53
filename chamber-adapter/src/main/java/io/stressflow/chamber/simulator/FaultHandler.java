package io.stressflow.chamber.simulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of every simulator connection: tracks the channel (for dropping and closing) and
 * applies the wire-level faults before digitalpetri's codec sees a byte.
 */
final class FaultHandler extends ChannelInboundHandlerAdapter {

  // not a frame in either framing: MBAP protocol id 0xBEEF, and no valid RTU CRC
  private static final byte[] GARBAGE = {
    (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, 0x00, 0x02, (byte) 0xFF, (byte) 0xFF
  };

  private final SimulatorFaults faults;
  private final ChannelGroup channels;

  FaultHandler(SimulatorFaults faults, ChannelGroup channels) {
    this.faults = faults;
    this.channels = channels;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channels.add(ctx.channel());
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (faults.silent()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (faults.garbage()) {
      ReferenceCountUtil.release(msg);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(GARBAGE));
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
