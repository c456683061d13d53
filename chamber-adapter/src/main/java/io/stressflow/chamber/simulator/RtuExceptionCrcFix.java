package io.stressflow.chamber.simulator;

import com.digitalpetri.modbus.Crc16;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Rewrites the CRC of outgoing RTU exception responses. digitalpetri 2.1.4's RTU server sends
 * exception responses with a wrong CRC (seen on the wire: {@code 01 84 02 7E 80}, where the CRC
 * should be {@code C2 C1}), so every RTU client rejects them as corrupt. Normal responses are
 * correct and pass untouched. Remove once the library is upgraded past the bug.
 */
final class RtuExceptionCrcFix extends ChannelOutboundHandlerAdapter {

  private static final int EXCEPTION_FRAME_LENGTH = 5;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf frame
        && frame.readableBytes() == EXCEPTION_FRAME_LENGTH
        && (frame.getByte(frame.readerIndex() + 1) & 0x80) != 0) {
      int start = frame.readerIndex();
      int crc = crc16(frame, start, EXCEPTION_FRAME_LENGTH - 2);
      frame.setByte(start + 3, crc & 0xFF);
      frame.setByte(start + 4, (crc >>> 8) & 0xFF);
    }
    ctx.write(msg, promise);
  }

  private static int crc16(ByteBuf buffer, int start, int length) {
    Crc16 crc = new Crc16();
    for (int i = 0; i < length; i++) {
      crc.update(buffer.getByte(start + i) & 0xFF);
    }
    return crc.getValue();
  }
}
