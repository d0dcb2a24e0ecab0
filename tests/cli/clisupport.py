"""Helpers of the command-line tests: run ``dxclean`` with click's CliRunner or in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from dxclean.cli import cli

#: Paragraphs of three different articles (long enough for dedup: >= 5 words each).
ARTICLES = [
    ["Hội nghị chuyển đổi số quốc gia năm 2024",
     "Sáng 25/12, Thủ tướng Chính phủ chủ trì Hội nghị sơ kết một năm triển khai Đề án 06 tại Hà Nội.",
     "Hội nghị được tổ chức trực tiếp kết hợp trực tuyến tới các tỉnh, thành phố trực thuộc Trung ương.",
     "Các bộ, ngành đã báo cáo kết quả thực hiện và đề xuất nhiều giải pháp trong thời gian tới."],
    ["Mùa lúa mới ở đồng bằng sông Cửu Long",
     "Nông dân các tỉnh miền Tây đang bước vào vụ thu hoạch lúa đông xuân với năng suất cao hơn năm ngoái.",
     "Giá lúa tươi tại ruộng dao động từ bảy nghìn đến tám nghìn đồng mỗi ki lô gam tùy giống.",
     "Ngành nông nghiệp khuyến cáo bà con chủ động làm đất để chuẩn bị cho vụ hè thu sắp tới."],
    ["Đội tuyển bóng đá chuẩn bị cho giải vô địch",
     "Huấn luyện viên trưởng đã công bố danh sách hai mươi sáu cầu thủ tham dự đợt tập trung tháng này.",
     "Đội sẽ có hai trận giao hữu quốc tế trước khi bước vào vòng bảng của giải đấu khu vực.",
     "Người hâm mộ kỳ vọng đội tuyển sẽ bảo vệ thành công danh hiệu vô địch của mình."],
]


def invoke(*args: str) -> tuple[int, str]:
    """``dxclean ARGS`` in-process; (exit code, stdout + stderr)."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def dxclean(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m dxclean ARGS`` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "dxclean", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def write_texts(folder: Path, docs: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in docs.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def stats(out: Path) -> dict:
    return json.loads((out / "stats.json").read_text(encoding="utf-8"))
