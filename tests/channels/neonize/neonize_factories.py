"""Real neonize protobuf events and a fake Go handle for offline NeonizeChannel tests."""

from __future__ import annotations

import asyncio
from typing import Any

from neonize.proto import Neonize_pb2 as N
from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import Message as WAMessage
from neonize.utils import build_jid

CUSTOMER = "5511999990000"
OWN = "5511988880000"
LID = "123456789012345"
GROUP = "120363012345678901"
TS_MS = 1_735_000_000_000  # 2024-12-24T00:26:40Z


def jid(user: str, server: str = "s.whatsapp.net", device: int = 0) -> N.JID:
    j = build_jid(user, server)
    j.Device = device
    return j


def empty_jid() -> N.JID:
    return N.JID(User="", Server="", RawAgent=0, Device=0, Integrator=0, IsEmpty=True)


def source(
    chat: N.JID | None = None,
    sender: N.JID | None = None,
    sender_alt: N.JID | None = None,
    from_me: bool = False,
    group: bool = False,
) -> N.MessageSource:
    chat = chat or jid(CUSTOMER)
    return N.MessageSource(
        Chat=chat,
        Sender=sender or chat,
        IsFromMe=from_me,
        IsGroup=group,
        AddressingMode=N.AddressingMode.Value("PN"),
        SenderAlt=sender_alt or empty_jid(),
        RecipientAlt=empty_jid(),
        BroadcastListOwner=empty_jid(),
    )


def message_ev(
    message: WAMessage,
    *,
    msg_id: str = "3EB0AABBCCDDEEFF001122",
    src: N.MessageSource | None = None,
    pushname: str = "Ana",
    timestamp: int = TS_MS,
    edit: str = "",
) -> N.Message:
    info = N.MessageInfo(
        MessageSource=src or source(),
        ID=msg_id,
        ServerID=0,
        Type="text",
        Pushname=pushname,
        Timestamp=timestamp,
        Category="",
        Multicast=False,
        MediaType="",
        Edit=edit,
    )
    return N.Message(Info=info, Message=message, IsEphemeral=False, IsViewOnce=False,
                     IsViewOnceV2=False, IsEdit=bool(edit), Raw=message)


def receipt_ev(kind: int, ids: list[str], chat: str = CUSTOMER, ts: int = 1_735_000_100) -> N.Receipt:
    return N.Receipt(MessageSource=source(jid(chat)), MessageIDs=ids, Timestamp=ts, Type=kind)


class FakeGo:
    """Stands in for neonize's Go handle (``client._NewAClient__client``): every FFI call the
    channel can make is an async method that records its arguments and answers with the
    serialized return proto Go would produce. Nothing here touches the network."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.stopped = asyncio.Event()
        self.neonize_started = asyncio.Event()
        self.connect_error: bytes = b""
        self.send_error = ""
        self.upload_error = ""
        self.download_error = ""
        self.logout_error = ""
        self.sent_id = "3EB0SERVERASSIGNED0001"
        self.sent_timestamp = 1_735_000_200
        self.stop_gate: asyncio.Event | None = None
        self.pair_code = "ABCD-EFGH"
        self.blocklist_error = ""
        self.picture_error = ""
        self.picture_url = "https://pps.whatsapp.net/v/t61.24694-24/1.jpg?oh=x&oe=y"
        self.blocklist: list[N.JID] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def args(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.calls if n == name]

    async def Neonize(self, *args: Any) -> bytes:  # the blocking "connect and run" call
        self.calls.append(("Neonize", args))
        self.neonize_started.set()
        if self.connect_error:
            return self.connect_error
        await self.stopped.wait()
        return b""

    async def Stop(self, uuid: bytes) -> bytes:
        self.calls.append(("Stop", (uuid,)))
        if self.stop_gate is not None:
            await self.stop_gate.wait()
        self.stopped.set()
        return b""

    async def SendMessage(self, uuid: bytes, to: bytes, to_len: int, msg: bytes, msg_len: int) -> bytes:
        self.calls.append(("SendMessage", (uuid, to, to_len, msg, msg_len)))
        if self.send_error:
            return N.SendMessageReturnFunction(Error=self.send_error).SerializeToString()
        resp = N.SendResponse(ID=self.sent_id, Timestamp=self.sent_timestamp, ServerID=0)
        return N.SendMessageReturnFunction(SendResponse=resp).SerializePartialToString()

    async def Upload(self, uuid: bytes, data: bytes, size: int, media_type: int) -> bytes:
        self.calls.append(("Upload", (uuid, data, size, media_type)))
        if self.upload_error:
            return N.UploadReturnFunction(Error=self.upload_error).SerializePartialToString()
        resp = N.UploadResponse(
            url="https://mmg.whatsapp.net/fake", DirectPath="/v/t62/fake", Handle="",
            MediaKey=b"k" * 32, FileEncSHA256=b"e" * 32, FileSHA256=b"s" * 32, FileLength=size,
        )
        return N.UploadReturnFunction(UploadResponse=resp).SerializePartialToString()

    async def DownloadAny(self, uuid: bytes, msg: bytes, size: int) -> bytes:
        self.calls.append(("DownloadAny", (uuid, msg, size)))
        if self.download_error:
            return N.DownloadReturnFunction(Error=self.download_error).SerializePartialToString()
        return N.DownloadReturnFunction(Binary=b"\x89PNG media bytes").SerializePartialToString()

    async def GetMe(self, uuid: bytes) -> bytes:
        self.calls.append(("GetMe", (uuid,)))
        device = N.Device(JID=jid(OWN, device=7), LID=jid("999", "lid"), Platform="chrome",
                          BussinessName="", PushName="Loja da Ana", Initialized=True)
        return device.SerializePartialToString()

    async def MarkRead(self, *args: Any) -> bytes:
        self.calls.append(("MarkRead", args))
        return b""

    async def SendChatPresence(self, *args: Any) -> bytes:
        self.calls.append(("SendChatPresence", args))
        return b""

    async def Logout(self, uuid: bytes) -> bytes:
        self.calls.append(("Logout", (uuid,)))
        return self.logout_error.encode()

    async def UpdateBlocklist(self, uuid: bytes, jid: bytes, size: int, action: bytes) -> bytes:
        self.calls.append(("UpdateBlocklist", (uuid, jid, size, action)))
        if self.blocklist_error:
            return N.GetBlocklistReturnFunction(
                Error=self.blocklist_error).SerializePartialToString()
        who = N.JID.FromString(jid)
        self.blocklist = [j for j in self.blocklist if j.User != who.User]
        if action == b"block":
            self.blocklist.append(who)
        return N.GetBlocklistReturnFunction(Blocklist=N.Blocklist(
            DHash="h", JIDs=self.blocklist)).SerializePartialToString()

    async def GetProfilePicture(self, uuid: bytes, jid: bytes, size: int, extra: bytes,
                                extra_size: int) -> bytes:
        self.calls.append(("GetProfilePicture", (uuid, jid, size, extra, extra_size)))
        if self.picture_error:
            return N.GetProfilePictureReturnFunction(
                Error=self.picture_error).SerializePartialToString()
        return N.GetProfilePictureReturnFunction(Picture=N.ProfilePictureInfo(
            URL=self.picture_url, ID="1735000000", Type="image", DirectPath="/v/t61/x"),
        ).SerializePartialToString()

    async def PairPhone(self, uuid: bytes, payload: bytes, size: int) -> bytes:
        self.calls.append(("PairPhone", (uuid, payload, size)))
        return N.PairPhoneReturnFunction(Code=self.pair_code).SerializePartialToString()


async def deliver(channel: Any, ev: Any) -> None:
    """Hand a neonize event to the handler the channel registered, as neonize would, and
    wait until the channel has passed the result to its sink."""
    from neonize.events import EVENT_TO_INT

    handler = channel.client.event.list_func[EVENT_TO_INT[type(ev)]]
    await handler(channel.client, ev)
    await channel.flush()


async def connect(channel: Any) -> None:
    """start() against the fake Go handle, then the ConnectedEv whatsmeow sends after login."""
    await channel.start()
    await deliver(channel, N.Connected(status=True))
