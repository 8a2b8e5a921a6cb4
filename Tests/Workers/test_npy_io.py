"""Tests of scripts/workers/npy_io.py: its fast path reads and writes exactly what NumPy does."""
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "workers"))
from npy_io import read_matrix, write_matrix  # noqa: E402


class NpyIOTests(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "m.npy")
        self.a = np.arange(12.0).reshape(3, 4) / 7 - 0.5  # not Float-representable, not square on purpose

    def tearDown(self) -> None:
        self.dir.cleanup()

    def test_reads_what_numpy_writes_in_both_orders_and_dtypes(self) -> None:
        for dtype in (np.float32, np.float64):
            for order in ("C", "F"):
                a = np.array(self.a, dtype=dtype, order=order)
                np.save(self.path, a)
                got = read_matrix(self.path)
                self.assertEqual(got.dtype, dtype)
                self.assertTrue(got.flags.writeable, "a user's function may work in place")
                np.testing.assert_array_equal(got, a)

    def test_other_files_go_through_numpy(self) -> None:
        for a in (self.a.astype(">f8"), self.a.astype(np.complex128), np.arange(5.0)):
            np.save(self.path, a)
            np.testing.assert_array_equal(read_matrix(self.path), a)

    def test_writes_bytes_numpy_reads_back_exactly(self) -> None:
        for dtype in (np.float32, np.float64):
            a = np.array(self.a, dtype=dtype)
            write_matrix(self.path, a)
            got = np.load(self.path)
            self.assertEqual(got.dtype, dtype)
            self.assertTrue(got.flags.f_contiguous)
            np.testing.assert_array_equal(got, a)
            with open(self.path, "rb") as f:
                data = f.read()
            self.assertEqual((len(data) - a.nbytes) % 64, 0, "the data starts on a 64-byte boundary")

    def test_rewriting_a_larger_file_in_place_cuts_it_to_length(self) -> None:
        write_matrix(self.path, np.ones((50, 50)))
        write_matrix(self.path, np.full((2, 2), 3.0))
        np.testing.assert_array_equal(np.load(self.path), np.full((2, 2), 3.0))

    def test_keeps_nan_and_infinity(self) -> None:
        a = np.array([[np.nan, np.inf], [-np.inf, 1.0]])
        write_matrix(self.path, a)
        np.testing.assert_array_equal(read_matrix(self.path), a)

    def test_a_file_numpy_cannot_read_is_an_error(self) -> None:
        with open(self.path, "wb") as f:
            f.write(b"\x00" * 64)
        with self.assertRaises(Exception):
            read_matrix(self.path)


if __name__ == "__main__":
    unittest.main()
