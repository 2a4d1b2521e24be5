import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseServerSentEvents } from './event-stream.ts';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function parse(chunks: string[]) {
  const messages = [];
  for await (const message of parseServerSentEvents(streamOf(chunks))) messages.push(message);
  return messages;
}

describe('parseServerSentEvents', () => {
  it('reads events split at any byte, with CRLF, comments, multi-line data, ids and retry', async () => {
    const text = ': heartbeat\r\n\r\nevent: ready\r\ndata: {"sequence":4}\r\nid: 4\r\nretry: 2000\r\n\r\nevent: port-call\ndata: line one\ndata: line two\nid: 5\n\ndata:no space\n\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const chunks: string[] = [];
      for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
      assert.deepEqual(await parse(chunks), [
        { event: 'ready', data: '{"sequence":4}', id: '4', retry: 2000 },
        { event: 'port-call', data: 'line one\nline two', id: '5', retry: undefined },
        { event: 'message', data: 'no space', id: '5', retry: undefined },
      ], `chunks of ${size}`);
    }
  });

  it('drops an unfinished last message and reads UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: Gdańsk\n\ndata: cut off');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10)); // splits the two bytes of "ń"
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const messages = [];
    for await (const message of parseServerSentEvents(body)) messages.push(message.data);
    assert.deepEqual(messages, ['Gdańsk']);
  });
});
