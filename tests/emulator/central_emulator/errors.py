# -*- coding: utf-8 -*-
"""Exception used to answer an API or admin request with an error status."""


class ApiError(Exception):
    """An error answer: HTTP status plus a JSON body ``{"message": ...}``."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self):
        return {"message": self.message}
