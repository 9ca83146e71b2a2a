"""Real files of each kind for the document tests, made here byte by byte (no binary
fixtures in the repository): a PNG with its CRCs, a PDF with its cross-reference table,
zip-based office files, an OLE2 compound file for old Word and Excel, text, CSV, and the
kinds that must be refused. `/bin/true` stands for a program."""
import io
import struct
import zipfile
import zlib

def png(w=2, h=2):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes([255, 0, 0] * w) for _ in range(h))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

def jpeg():
    # A baseline JFIF header; enough for a type check, followed by EOI.
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xd9"

def pdf():
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out

def webp():
    vp8l = b"\x2f" + bytes(4) + bytes(8)
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l
    return b"RIFF" + struct.pack("<I", len(body)) + body

def heic():
    ftyp = b"ftyp" + b"heic" + struct.pack(">I", 0) + b"mif1heic"
    box = struct.pack(">I", len(ftyp) + 4) + ftyp
    meta = struct.pack(">I", 12) + b"meta" + bytes(4)
    return box + meta

def ooxml(kind):
    main = {"docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            "pptx": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")}[kind]
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/%s" ContentType="%s"/></Types>' % main)
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>' % main[0])
        z.writestr(main[0], '<?xml version="1.0"?><root/>')
    return b.getvalue()

def odf(kind):
    mime = {"odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet"}[kind]
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mime, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>', compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest/>', compress_type=zipfile.ZIP_DEFLATED)
    return b.getvalue()

def cdf(stream_name):
    """A minimal OLE2 compound file: header, one FAT sector, one directory sector with the
    root entry and one stream entry (`WordDocument` for .doc, `Workbook` for .xls)."""
    ss = 512
    ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)          # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)          # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)       # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, ENDOFCHAIN) # first mini FAT sector
    struct.pack_into("<I", header, 0x40, 0)
    struct.pack_into("<I", header, 0x44, ENDOFCHAIN) # first DIFAT sector
    struct.pack_into("<I", header, 0x48, 0)
    difat = [0] + [FREESECT] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [FATSECT, ENDOFCHAIN, ENDOFCHAIN] + [FREESECT] * (128 - 3)
    fat_sector = struct.pack("<128I", *fat)
    def entry(name, kind, child=0xFFFFFFFF, start=ENDOFCHAIN, size=0):
        e = bytearray(128)
        n = name.encode("utf-16-le") + b"\x00\x00"
        e[0:len(n)] = n
        struct.pack_into("<H", e, 0x40, len(n))
        e[0x42] = kind
        e[0x43] = 1
        struct.pack_into("<III", e, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<I", e, 0x74, start)
        struct.pack_into("<I", e, 0x78, size)
        return bytes(e)
    dir_sector = entry("Root Entry", 5, child=1) + entry(stream_name, 2, start=2, size=4096) + bytes(128) * 2
    data = bytes(4096)
    body = bytes(header) + fat_sector + dir_sector + data
    return body

# name -> (bytes, the type libmagic finds); every type of the standard allow-list.
ACCEPTED = {
    "scan.pdf": (pdf(), "application/pdf"),
    "foto.jpg": (jpeg(), "image/jpeg"),
    "schets.png": (png(), "image/png"),
    "foto.webp": (webp(), "image/webp"),
    "iphone.heic": (heic(), "image/heic"),
    "offerte.docx": (ooxml("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "berekening.xlsx": (ooxml("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "voorstelling.pptx": (ooxml("pptx"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "brief.odt": (odf("odt"), "application/vnd.oasis.opendocument.text"),
    "lijst.ods": (odf("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
    "oud.doc": (cdf("WordDocument"), "application/msword"),
    "oud.xls": (cdf("Workbook"), "application/vnd.ms-excel"),
    "notities.txt": ("Offerte voor de Golf: prijs € 34.990, levering in maart.\nTweede regel.\n".encode(), "text/plain"),
    "prijzen.csv": (b"merk,model,prijs\nVolkswagen,Golf,34990\nPeugeot,208,21990\nRenault,Clio,19990\n", "text/csv"),
}

HTML = b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n'


def elf():
    with open("/bin/true", "rb") as f:
        return f.read()


# name -> (bytes, words the refusal message must contain)
REFUSED = {
    "pagina.html": (HTML, "webpagina (HTML)"),
    "logo.svg": (SVG, "SVG-afbeelding"),
    "opruimen.sh": (b"#!/bin/sh\nrm -rf /tmp/x\necho done\n", "het is een script"),
    "tool.py": (b"#!/usr/bin/env python3\nimport os\nprint(os.getcwd())\n", "het is een script"),
    "shell.php": (b"<?php echo system($_GET['c']); ?>\n", "het is een script"),
    "programma": (elf(), "het is een programma"),
}
